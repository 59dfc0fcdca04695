using Steward.Core.Access;
using Steward.Core.Caching;
using Steward.Core.Events;
using Steward.Core.Identity;
using Steward.Core.Ids;
using Steward.Core.Tenancy;

namespace Steward.Core.Tests;

/// <summary>
/// Event payloads are part of the wire (the event log, SSE): these pin their exact JSON, and check that
/// the event read back from the log drops the same cache entries as on the instance that wrote it.
/// </summary>
public sealed class EventPayloadTests
{
    private static readonly Guid A = Guid.Parse("0193a6b2-7c4d-7e8f-9a0b-1c2d3e4f5a6b");
    private static readonly Guid B = Guid.Parse("0193a6b2-7c4d-7e8f-9a0b-1c2d3e4f5a6c");

    [Fact]
    public void An_organisation_event_is_its_fields_in_snake_case_without_the_subject()
    {
        var e = OrganisationEvent.Of<OrganisationUpdated>(new Organisation { Id = A, AccountId = B, Name = "Eng", DomainName = "eng.example", Version = 3 });

        Assert.Equal("organisation.updated", EventCatalog.NameOf(e));
        Assert.Equal(PublicId.Of<Organisation>(A), e.SubjectId);
        Assert.Equal(
            $"{{\"id\":\"org-{A}\",\"account_id\":\"acct-{B}\",\"name\":\"Eng\",\"domain_name\":\"eng.example\",\"description\":null,\"version\":3}}",
            EventCatalog.Serialize(e));
    }

    [Fact]
    public void A_membership_made_with_its_organisation_has_no_version()
    {
        var e = new MembershipCreated { OrganisationId = PublicId.Of<Organisation>(A), UserId = PublicId.Of<User>(B), Role = MembershipRole.Owner };

        Assert.Equal($"{{\"organisation_id\":\"org-{A}\",\"user_id\":\"user-{B}\",\"role\":\"owner\"}}", EventCatalog.Serialize(e));
        Assert.Equal(PublicId.Of<User>(B), e.SubjectId);
    }

    [Fact]
    public void A_credential_event_names_its_owner_and_key_but_never_the_secret()
    {
        var e = CredentialEvent.Of<CredentialRotated>(new Credential { Id = A, OwnerKind = PrincipalKind.Organisation, OwnerId = B, ApiKey = "DAKabc" });

        Assert.Equal(
            $"{{\"id\":\"cred-{A}\",\"owner_kind\":\"organisation\",\"owner_id\":\"org-{B}\",\"api_key\":\"DAKabc\",\"label\":null,\"rotated_at\":null,\"revoked_at\":null}}",
            EventCatalog.Serialize(e));
    }

    [Fact]
    public void Every_event_type_reads_back_as_its_record()
    {
        var e = UserEvent.Of<UserDeleted>(new User { Id = A, AccountId = B, Username = "bob" });

        Assert.True(EventCatalog.TryRead("user.deleted", EventCatalog.Serialize(e), out var read));
        Assert.Equal(e, read);
        Assert.Contains("credential.revoked", EventCatalog.Names);
        Assert.False(EventCatalog.TryRead("no.such", "{}", out _));
    }

    [Fact]
    public void An_event_read_back_from_the_log_drops_what_it_made_stale()
    {
        using var cache = new ReadCache();
        cache.Set(new OrganisationCacheKey(A), new Organisation { Id = A });
        cache.Set(new CredentialCacheKey("DAKabc"), new CredentialSnapshot(B, PrincipalKind.Organisation, A, B, A, [], false));
        cache.Set(new CredentialCacheKey("AAKkeep"), new CredentialSnapshot(B, PrincipalKind.Account, B, B, Guid.Empty, [], false));

        var written = OrganisationEvent.Of<OrganisationDeleted>(new Organisation { Id = A, AccountId = B, Name = "Eng" });
        Assert.True(EventCatalog.TryRead("organisation.deleted", EventCatalog.Serialize(written), out var read));
        read!.Invalidate(cache);

        Assert.False(cache.TryGet<Organisation>(new OrganisationCacheKey(A), out _));
        Assert.False(cache.TryGet<CredentialSnapshot>(new CredentialCacheKey("DAKabc"), out _));
        Assert.True(cache.TryGet<CredentialSnapshot>(new CredentialCacheKey("AAKkeep"), out _));
    }
}
