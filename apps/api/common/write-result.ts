/**
 * The convention for `X-Position` (api.md: every write answers with the global position
 * of its last event): a write handler returns `new WriteResult(body, position)` where
 * `position` is `AppendResult.position` of its last append. PositionInterceptor sends
 * `body` as the response and `position` as the `X-Position` header; the idempotency
 * interceptor stores both, so a replay answers with the same header.
 *
 *   @Post() @Requires('case:open', { student: 'body:studentId' })
 *   async open(@Body() dto: OpenCaseDto): Promise<WriteResult<{ caseId: string }>> {
 *     const { caseId, position } = await this.commandBus.execute(new OpenCase(...));
 *     return new WriteResult({ caseId }, position);
 *   }
 */
export class WriteResult<T = unknown> {
  constructor(
    readonly body: T,
    readonly position: number,
  ) {
    if (!Number.isSafeInteger(position) || position < 0) {
      throw new RangeError(`position must be a non-negative integer, got ${String(position)}`);
    }
  }
}
