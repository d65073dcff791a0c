import { currentRoute, navigate, redirect } from './navigation';
import * as session from './session';
import { ApiError, newIdempotencyKey, send, type RequestOptions } from './transport';

export { ApiError, type ApiErrorCode, type RequestOptions } from './transport';

let renewal: Promise<void> | undefined;

/** The access token is dead but the session may not be: logout elsewhere or new roles (TOKEN_REVOKED) refresh too. */
function isExpiredAccess(err: unknown): boolean {
  return err instanceof ApiError && (err.code === 'TOKEN_EXPIRED' || err.code === 'TOKEN_INVALID' || err.code === 'TOKEN_REVOKED');
}

/**
 * One renewal for every request that hit the expiry together, so that the login page is
 * opened once however many requests were waiting.
 */
function renewSession(): Promise<void> {
  renewal ??= session
    .refresh()
    .catch((err: unknown) => {
      // session.refresh() drops the session when the server rejects the refresh token.
      if (!session.current() && currentRoute() !== 'login') {
        // navigateTo fails when the page stack is full (10 in weapp); replace the top page then.
        void navigate('login').catch(() => redirect('login'));
      }
      throw err;
    })
    .finally(() => {
      renewal = undefined;
    });
  return renewal;
}

/**
 * A JSON call to the API with the session's bearer token. An expired access token is renewed
 * once and the call retried once; every failure arrives as an ApiError.
 */
export async function request<T>(options: RequestOptions): Promise<T> {
  // Every change is named once, so that each resend of it (lost answer, renewed session) is done once.
  const opts = (options.method ?? 'GET') === 'GET' || options.idempotencyKey ? options : { ...options, idempotencyKey: newIdempotencyKey() };
  const token = session.accessToken();
  try {
    return await send<T>(opts, token);
  } catch (err) {
    if (!token || !isExpiredAccess(err)) throw err;
  }
  // A request that was in flight while another one renewed the session just retries.
  if (session.accessToken() === token) await renewSession();
  return send<T>(opts, session.accessToken());
}
