import { SetMetadata } from '@nestjs/common';

export const ANONYMOUS_PAGE = Symbol('ANONYMOUS_PAGE');
export const SIGN_IN_FORM = Symbol('SIGN_IN_FORM');
export const CSRF_IN_MULTIPART = Symbol('CSRF_IN_MULTIPART');

/** A page anyone may open, signed in or not (sign-in, the public annual report). Every other page needs a session. */
export const AnonymousPage = (): MethodDecorator & ClassDecorator => SetMetadata(ANONYMOUS_PAGE, true);

/** The sign-in form: sent before there is a session, so its CSRF token is the sign-in cookie's. */
export const SignInForm = (): MethodDecorator => SetMetadata(SIGN_IN_FORM, true);

/** A multipart form (evidence upload): the handler checks the CSRF field itself, before reading the file. */
export const CsrfInMultipart = (): MethodDecorator => SetMetadata(CSRF_IN_MULTIPART, true);
