using Steward.Core.Access;
using Steward.Core.Identity;
using Steward.Core.Results;
using Steward.Core.Tenancy;

namespace Steward.Server.Faces.Kandy;

/// <summary>
/// Resolves Kandy's <c>key=</c>: an access token (checked by signature and the in-memory revocation
/// list, no database) or an API key with its secret, and insists on the kind the call needs. Every
/// refusal is a core <see cref="ErrorCode.Unauthorized"/> whose message names the parameter and
/// says what to send instead.
/// </summary>
internal static class KandyAuth
{
    /// <summary>Validates an access token and checks that it is of the <paramref name="expected"/> kind.</summary>
    public static Result<Principal> Token(TokenService tokens, string token, PrincipalKind expected, string parameter = "key")
    {
        var validated = tokens.Validate(token.Trim());
        if (!validated.IsSuccess)
        {
            var hint = LooksLikeApiKey(token)
                ? $"{parameter} looks like an API key, but this call needs {TokenName(expected)}."
                : $"{parameter} is not valid: {validated.Error!.Message}";
            return Error.Unauthorized($"{hint} {HowToGet(expected)}");
        }

        if (validated.Value.Kind != expected)
        {
            return Error.Unauthorized($"{parameter} must be {TokenName(expected)}, but {TokenName(validated.Value.Kind)} was sent. {HowToGet(expected)}");
        }

        return validated.Value;
    }

    /// <summary>Verifies an API key and secret and checks that the key belongs to the <paramref name="expected"/> kind of owner.</summary>
    public static async Task<Result<CredentialSnapshot>> CredentialAsync(
        CredentialService credentials, string key, string secret, PrincipalKind expected, string secretParameter, CancellationToken ct)
    {
        var verified = await credentials.VerifyAsync(key.Trim(), secret.Trim(), ct);
        if (!verified.IsSuccess)
        {
            return Error.Unauthorized($"key or {secretParameter} is wrong, or the key has been revoked: send {KeyName(expected)} and its secret.");
        }

        if (verified.Value.OwnerKind != expected)
        {
            return Error.Unauthorized($"key must be {KeyName(expected)}, but {KeyName(verified.Value.OwnerKind)} was sent.");
        }

        return verified.Value;
    }

    public static string TokenName(PrincipalKind kind) => kind switch
    {
        PrincipalKind.Account => "an account access token (AAT…)",
        PrincipalKind.Organisation => "a domain access token (DAT…)",
        PrincipalKind.User => "a user access token (UAT…)",
        _ => "a root access token (RAT…)",
    };

    public static string KeyName(PrincipalKind kind) => kind switch
    {
        PrincipalKind.Account => "an account API key (AAK…)",
        PrincipalKind.Organisation => "a domain API key (DAK…)",
        PrincipalKind.User => "a user API key (UAK…)",
        _ => "the root API key",
    };

    private static string HowToGet(PrincipalKind kind) => kind switch
    {
        PrincipalKind.Account => "Get one with GET /v1.2/accounts/accesstokens?key=<account api key>&account_api_secret=<secret>.",
        PrincipalKind.Organisation => "Get one with GET /v1.2/domains/accesstokens?key=<domain api key>&domain_api_secret=<secret>.",
        PrincipalKind.User => "Get one with GET /v1.2/domains/users/accesstokens?key=<domain api key>&domain_api_secret=<secret>&user_id=<user id>.",
        _ => "",
    };

    private static bool LooksLikeApiKey(string key) =>
        key.Length > 3 && (key.StartsWith("AAK", StringComparison.Ordinal) || key.StartsWith("DAK", StringComparison.Ordinal)
            || key.StartsWith("UAK", StringComparison.Ordinal) || key.StartsWith("RAK", StringComparison.Ordinal));
}
