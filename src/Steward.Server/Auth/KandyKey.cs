using Steward.Core.Access;
using Steward.Core.Results;

namespace Steward.Server.Auth;

/// <summary>
/// Kandy's credential: <c>?key=</c> in the query string, which each call takes in one of these forms:
/// <list type="bullet">
///   <item><see cref="Token"/>: an access token of one kind (AAT…, DAT…, UAT…);</item>
///   <item><see cref="WithSecret"/>: an API key of one kind with its secret in a named parameter (<c>account_api_secret</c>);</item>
///   <item><see cref="UserKeyOrToken"/>: a user's API key alone, or, when a named parameter is given, an access token.</item>
/// </list>
/// <see cref="AndToken"/> adds a second access token the call names in another parameter, checked here too.
/// Kandy reports every absent parameter of a call at once, before looking at the key, so the call's
/// other required parameters are declared here too (<see cref="Requiring"/>) and reported with the
/// key's as one core validation error whose fields are all "is required", which the Kandy style
/// answers with status 3. Every other refusal is a core Unauthorized whose message names the
/// parameter and says what to send instead.
/// </summary>
public sealed class KandyKey : ISignInScheme
{
    private const string KeyParameter = "key";
    private static readonly object ParameterTokenSlot = new();

    private readonly PrincipalKind kind;
    private readonly string? secretParameter;
    private readonly string? tokenUnless;
    private readonly string[] required;
    private readonly (string Parameter, PrincipalKind Kind, bool SameOwner)? second;

    /// <summary>Every parameter the call requires, in the order Kandy lists them when they are missing.</summary>
    private readonly string[] parameters;

    private KandyKey(
        PrincipalKind kind,
        string? secretParameter = null,
        string? tokenUnless = null,
        string[]? required = null,
        (string, PrincipalKind, bool)? second = null)
    {
        this.kind = kind;
        this.secretParameter = secretParameter;
        this.tokenUnless = tokenUnless;
        this.required = required ?? [];
        this.second = second;
        var all = new List<string> { KeyParameter };
        if (secretParameter is not null)
        {
            all.Add(secretParameter);
        }

        if (second is { } token)
        {
            all.Add(token.Item1);
        }

        all.AddRange(this.required);
        parameters = [.. all];
    }

    /// <summary><c>key</c> is an access token of <paramref name="kind"/>.</summary>
    public static KandyKey Token(PrincipalKind kind) => new(kind);

    /// <summary><c>key</c> is an API key of <paramref name="kind"/>, and <paramref name="secretParameter"/> its secret.</summary>
    public static KandyKey WithSecret(PrincipalKind kind, string secretParameter) => new(kind, secretParameter);

    /// <summary>
    /// <c>key</c> is a user's own API key, alone (the legacy call takes no secret); or, when <paramref name="parameter"/>
    /// is given, an access token of <paramref name="tokenKind"/>.
    /// </summary>
    public static KandyKey UserKeyOrToken(PrincipalKind tokenKind, string parameter) => new(tokenKind, tokenUnless: parameter);

    /// <summary>The call's other required query parameters, reported missing together with the key's.</summary>
    public KandyKey Requiring(params string[] parameters) =>
        new(kind, secretParameter, tokenUnless, [.. required, .. parameters], second);

    /// <summary>
    /// <paramref name="parameter"/> is an access token of <paramref name="tokenKind"/> too, available to the handler through
    /// <see cref="ParameterToken"/>; with <paramref name="sameOwner"/> it must belong to the key's owner.
    /// </summary>
    public KandyKey AndToken(string parameter, PrincipalKind tokenKind, bool sameOwner = false) =>
        new(kind, secretParameter, tokenUnless, required, (parameter, tokenKind, sameOwner));

    /// <summary>Every query parameter the call requires, in the order Kandy lists them: for the call's documentation.</summary>
    public IReadOnlyList<string> Parameters => parameters;

    /// <summary>The principal of the token named by <see cref="AndToken"/>; only call this on a call that declares one.</summary>
    public static Principal ParameterToken(HttpContext http) =>
        http.Items[ParameterTokenSlot] as Principal
            ?? throw new InvalidOperationException("No token parameter: the call's KandyKey declares none (AndToken).");

    /// <summary>True when the call takes an API key with its secret, or a user's key alone: a secret someone could guess.</summary>
    public bool TakesSecret => secretParameter is not null || tokenUnless is not null;

    /// <summary>
    /// A key with its secret is counted under the key; a user's key sent alone is its own secret, counted only per
    /// address; an access token is no attempt (it cannot be guessed), nor is a call missing a parameter.
    /// </summary>
    public string? AttemptName(HttpContext http)
    {
        var query = http.Request.Query;
        if (!TakesSecret || parameters.Any(p => string.IsNullOrWhiteSpace(query[p])))
        {
            return null;
        }

        if (secretParameter is not null)
        {
            return SignInGuard.KeyName(query[KeyParameter].ToString());
        }

        return string.IsNullOrWhiteSpace(query[tokenUnless!]) ? "" : null;
    }

    public async ValueTask<Result<Principal?>> AuthenticateAsync(HttpContext http)
    {
        var query = http.Request.Query;
        var missing = parameters.Where(p => string.IsNullOrWhiteSpace(query[p])).ToList();
        if (missing.Count > 0)
        {
            return Missing(missing);
        }

        var tokens = http.RequestServices.GetRequiredService<TokenService>();
        var key = query[KeyParameter].ToString();
        Result<Principal> caller;
        if (tokenUnless is not null && string.IsNullOrWhiteSpace(query[tokenUnless]))
        {
            caller = await UserKeyAsync(http, tokens, key);
        }
        else if (secretParameter is null)
        {
            caller = CheckToken(tokens, key, kind, KeyParameter);
        }
        else
        {
            caller = await CheckKeyAsync(http, key, query[secretParameter].ToString());
        }

        if (!caller.IsSuccess)
        {
            return caller.Error!;
        }

        if (second is { } other)
        {
            var checkedToken = CheckToken(tokens, query[other.Parameter].ToString(), other.Kind, other.Parameter);
            if (!checkedToken.IsSuccess)
            {
                return checkedToken.Error!;
            }

            if (other.SameOwner && checkedToken.Value.SubjectId != caller.Value.SubjectId)
            {
                return Error.Unauthorized($"{other.Parameter} belongs to another {Noun(other.Kind)}: send a token issued for this {Noun(other.Kind)}'s key.");
            }

            http.Items[ParameterTokenSlot] = checkedToken.Value;
        }

        return caller.Value;
    }

    /// <summary>Validates an access token (signature and revocation list, no database) and checks its kind.</summary>
    private static Result<Principal> CheckToken(TokenService tokens, string token, PrincipalKind expected, string parameter)
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

    /// <summary>Verifies an API key and its secret, and checks the kind of the key's owner.</summary>
    private async Task<Result<Principal>> CheckKeyAsync(HttpContext http, string key, string secret)
    {
        var credentials = http.RequestServices.GetRequiredService<CredentialService>();
        var verified = await credentials.VerifyAsync(key.Trim(), secret.Trim(), http.RequestAborted);
        if (!verified.IsSuccess)
        {
            return Error.Unauthorized($"key or {secretParameter} is wrong, or the key has been revoked: send {KeyName(kind)} and its secret.");
        }

        if (verified.Value.OwnerKind != kind)
        {
            return Error.Unauthorized($"key must be {KeyName(kind)}, but {KeyName(verified.Value.OwnerKind)} was sent.");
        }

        return Principal.FromCredential(verified.Value);
    }

    /// <summary>A user's API key sent alone. An access token of the kind that goes with the other parameter is told to send it.</summary>
    private async Task<Result<Principal>> UserKeyAsync(HttpContext http, TokenService tokens, string key)
    {
        var expected = $"key must be the user's API key (UAK…), or {TokenName(kind)} together with {tokenUnless}.";
        if (tokens.Decode(key.Trim()) is { } claims)
        {
            return claims.Kind == kind ? Missing([tokenUnless!]) : Error.Unauthorized(expected);
        }

        var credential = await http.RequestServices.GetRequiredService<CredentialService>().FindAsync(key.Trim(), http.RequestAborted);
        if (credential is null || credential.Revoked || credential.OwnerKind != PrincipalKind.User)
        {
            return Error.Unauthorized(expected);
        }

        return Principal.FromCredential(credential);
    }

    /// <summary>Absent parameters, in the order the call lists them: a validation error whose every field "is required".</summary>
    private static Error Missing(IReadOnlyList<string> names) =>
        Error.Invalid(names.ToDictionary(n => n, n => new[] { n + " is required." }, StringComparer.Ordinal));

    /// <summary>How Kandy's documents name an access token of each kind.</summary>
    internal static string TokenName(PrincipalKind kind) => kind switch
    {
        PrincipalKind.Account => "an account access token (AAT…)",
        PrincipalKind.Organisation => "a domain access token (DAT…)",
        PrincipalKind.User => "a user access token (UAT…)",
        _ => "a root access token (RAT…)",
    };

    private static string KeyName(PrincipalKind kind) => kind switch
    {
        PrincipalKind.Account => "an account API key (AAK…)",
        PrincipalKind.Organisation => "a domain API key (DAK…)",
        PrincipalKind.User => "a user API key (UAK…)",
        _ => "the root API key",
    };

    private static string Noun(PrincipalKind kind) => kind switch
    {
        PrincipalKind.Account => "account",
        PrincipalKind.Organisation => "domain",
        _ => "user",
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
