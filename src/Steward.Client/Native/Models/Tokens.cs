namespace Steward.Client;

/// <summary>An access token from <c>POST /oauth/token</c>.</summary>
/// <param name="AccessToken">The bearer token.</param>
/// <param name="TokenType">Always <c>Bearer</c>.</param>
/// <param name="ExpiresIn">Seconds until it expires.</param>
public sealed record TokenGrant(string AccessToken, string TokenType, int ExpiresIn);
