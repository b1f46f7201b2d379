package dev.azdo.emulator.signin;

import java.util.List;

/**
 * An application registered for sign-in: its client id and secret, the redirect URLs it may use and
 * the scopes it was registered with (legacy vso.* scopes and Entra resource scopes alike).
 */
public record OAuthApp(
    String clientId,
    String name,
    String secret,
    List<String> redirectUris,
    List<String> scopes,
    boolean publicClient) {}
