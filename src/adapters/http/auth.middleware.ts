import type { Context, Middleware, Next } from 'koa';
import type { Identity, Scope, TokenStore } from '../../application/index.js';
import { scopeForbidden, tokenInvalid } from './http.error.js';

export interface AuthState {
  identity: Identity;
}

/** The `token` header must name a live token whose scope is one of `scopes`. */
export function requireScope(tokens: TokenStore, ...scopes: Scope[]): Middleware {
  return async (ctx: Context, next: Next) => {
    const token = ctx.get('token');
    if (!token || token.length > 256) throw tokenInvalid();
    const identity = await tokens.verify(token);
    if (!identity) throw tokenInvalid();
    if (!scopes.includes(identity.scope)) throw scopeForbidden();
    (ctx.state as AuthState).identity = identity;
    await next();
  };
}

export function identityOf(ctx: Context): Identity {
  return (ctx.state as AuthState).identity;
}
