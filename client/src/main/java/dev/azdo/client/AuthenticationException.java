package dev.azdo.client;

/** Sign-in failed: the service answered 401, or 203 with an HTML sign-in page. */
public final class AuthenticationException extends AzdoException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message naming the likely cause. */
  public AuthenticationException(int status, String serviceCode, String typeKey, String message) {
    super(Kind.AUTHENTICATION, status, serviceCode, typeKey, message);
  }
}
