/**
 * Makes shutdown prompt without cutting requests off. Closing the HTTP server waits for
 * every open connection, and a keep-alive connection that finishes its in-flight request
 * after closing began would idle on until its keep-alive timeout (5 s). So once shutdown
 * starts, every response still to be written says `Connection: close`, and the client
 * lets the connection go as soon as it has its answer.
 */
import { Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import type { HttpRequest, HttpResponse, NextFunction } from '../common/http-types.js';

@Injectable()
export class HttpDrain implements BeforeApplicationShutdown {
  private closing = false;

  beforeApplicationShutdown(): void {
    this.closing = true;
  }

  middleware() {
    return (_req: HttpRequest, res: HttpResponse, next: NextFunction): void => {
      const writeHead = res.writeHead;
      // writeHead below is called with the response as `this`; the drain is reached by name.
      // eslint-disable-next-line @typescript-eslint/no-this-alias
      const drain = this;
      res.writeHead = function (this: HttpResponse, ...args: Parameters<HttpResponse['writeHead']>) {
        if (drain.closing && !this.headersSent) this.setHeader('Connection', 'close');
        return writeHead.apply(this, args);
      } as HttpResponse['writeHead'];
      next();
    };
  }
}
