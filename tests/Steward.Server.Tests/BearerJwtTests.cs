using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Steward.Core.Access;
using Steward.Core.Results;
using Steward.Server.Auth;

namespace Steward.Server.Tests;

/// <summary>Bearer JWT (Account Server): RS256 tokens signed with a real RSA key made here, checked against Steward's clock.</summary>
public sealed class BearerJwtTests : IDisposable
{
    private const string Issuer = "https://steward.test/realms/acme";
    private const string Audience = "account-server";

    private static readonly Principal Alice = new(PrincipalKind.User, Guid.NewGuid(), Guid.Empty, Guid.NewGuid(), Guid.NewGuid(), Guid.Empty, DateTimeOffset.MaxValue);

    // Far from the machine's clock, so a check made against the system clock instead of Steward's fails.
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2035, 6, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly RSA rsa = RSA.Create(2048);
    private readonly RSA stranger = RSA.Create(2048);
    private readonly ServiceProvider services;
    private readonly List<(string? Subject, string? Username)> lookedUp = [];
    private readonly BearerJwt scheme;

    public BearerJwtTests()
    {
        var keys = new FixedKeys(new JwtSigning([new RsaSecurityKey(rsa) { KeyId = "k1" }], [Issuer], Audience));
        services = new ServiceCollection().AddSingleton<IJwtSigningKeys>(keys).AddSingleton<TimeProvider>(time).BuildServiceProvider();
        scheme = new BearerJwt((_, subject, username, _) =>
        {
            lookedUp.Add((subject, username));
            return ValueTask.FromResult(subject == "user-42" || username == "alice" ? Alice : null);
        });
    }

    public void Dispose()
    {
        services.Dispose();
        rsa.Dispose();
        stranger.Dispose();
    }

    [Fact]
    public async Task A_valid_token_gives_the_caller_its_subject_maps_to()
    {
        Assert.Same(Alice, (await AuthenticateAsync("Bearer " + Token())).Caller());
        Assert.Equal(("user-42", "alice"), Assert.Single(lookedUp));
    }

    [Fact]
    public async Task Preferred_username_alone_is_enough_to_look_the_caller_up()
    {
        Assert.Same(Alice, (await AuthenticateAsync("Bearer " + Token(claims: new() { ["preferred_username"] = "alice" }))).Caller());
        Assert.Equal((null, "alice"), Assert.Single(lookedUp));
    }

    [Fact]
    public async Task An_expired_token_is_refused_by_stewards_clock()
    {
        var token = Token();
        (await AuthenticateAsync("Bearer " + token)).Caller();

        time.Advance(TimeSpan.FromMinutes(10));

        Assert.Equal("The access token has expired.", (await AuthenticateAsync("Bearer " + token)).Refused());
        Assert.Equal("The access token has expired.", (await AuthenticateAsync("Bearer " + Token(expires: time.GetUtcNow().AddMinutes(-2)))).Refused());
    }

    [Fact]
    public async Task A_token_not_valid_yet_or_without_expiry_is_refused()
    {
        Assert.Contains("not valid yet", (await AuthenticateAsync("Bearer " + Token(notBefore: time.GetUtcNow().AddMinutes(10), expires: time.GetUtcNow().AddMinutes(20)))).Refused(), StringComparison.Ordinal);
        Assert.Contains("no expiry", (await AuthenticateAsync("Bearer " + Token(noExpiry: true))).Refused(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_foreign_issuer_or_audience_is_refused()
    {
        Assert.Equal("The access token was not issued for this server.", (await AuthenticateAsync("Bearer " + Token(issuer: "https://elsewhere.test/realms/acme"))).Refused());
        Assert.Equal("The access token was not issued for this server.", (await AuthenticateAsync("Bearer " + Token(audience: "someone-else"))).Refused());
        Assert.Empty(lookedUp);
    }

    [Fact]
    public async Task A_token_signed_with_another_key_is_refused()
    {
        var foreign = new SigningCredentials(new RsaSecurityKey(stranger) { KeyId = "k1" }, SecurityAlgorithms.RsaSha256);
        Assert.Equal("The access token is not valid.", (await AuthenticateAsync("Bearer " + Token(signing: foreign))).Refused());

        var symmetric = new SigningCredentials(new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)), SecurityAlgorithms.HmacSha256);
        Assert.Equal("The access token is not valid.", (await AuthenticateAsync("Bearer " + Token(signing: symmetric))).Refused());
        Assert.Empty(lookedUp);
    }

    [Fact]
    public async Task A_tampered_token_is_refused()
    {
        var parts = Token().Split('.');
        var forged = Token(claims: new() { ["sub"] = "root", ["preferred_username"] = "admin" }).Split('.')[1];
        Assert.Equal("The access token is not valid.", (await AuthenticateAsync($"Bearer {parts[0]}.{forged}.{parts[2]}")).Refused());
        Assert.Equal("The access token is not valid.", (await AuthenticateAsync("Bearer not-a-jwt")).Refused());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("BearerX abc")]
    public async Task Without_a_bearer_token_the_request_is_refused(string? authorization)
    {
        Assert.Equal(BearerJwt.NoToken.Message, (await AuthenticateAsync(authorization)).Refused());
    }

    [Fact]
    public async Task A_subject_nobody_answers_to_is_refused()
    {
        Assert.Contains("not known", (await AuthenticateAsync("Bearer " + Token(claims: new() { ["sub"] = "user-7" }))).Refused(), StringComparison.Ordinal);
        Assert.Contains("no subject", (await AuthenticateAsync("Bearer " + Token(claims: new() { ["scope"] = "openid" }))).Refused(), StringComparison.Ordinal);
    }

    private ValueTask<Result<Principal?>> AuthenticateAsync(string? authorization) =>
        scheme.AuthenticateAsync(Requests.With(services, authorization));

    private string Token(
        SigningCredentials? signing = null,
        string issuer = Issuer,
        string audience = Audience,
        DateTimeOffset? notBefore = null,
        DateTimeOffset? expires = null,
        bool noExpiry = false,
        Dictionary<string, object>? claims = null)
    {
        var now = time.GetUtcNow();
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Claims = claims ?? new Dictionary<string, object> { ["sub"] = "user-42", ["preferred_username"] = "alice" },
            IssuedAt = now.UtcDateTime,
            NotBefore = (notBefore ?? now).UtcDateTime,
            Expires = noExpiry ? null : (expires ?? now.AddMinutes(5)).UtcDateTime,
            SigningCredentials = signing ?? new SigningCredentials(new RsaSecurityKey(rsa) { KeyId = "k1" }, SecurityAlgorithms.RsaSha256),
        });
    }

    private sealed class FixedKeys(JwtSigning signing) : IJwtSigningKeys
    {
        public ValueTask<JwtSigning> GetAsync(CancellationToken ct) => ValueTask.FromResult(signing);
    }
}
