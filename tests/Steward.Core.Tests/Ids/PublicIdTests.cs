using Microsoft.Extensions.Time.Testing;
using Steward.Core.Access;
using Steward.Core.Identity;
using Steward.Core.Ids;
using Steward.Core.Tenancy;

namespace Steward.Core.Tests;

public sealed class PublicIdTests
{
    private static readonly Guid Id = Guid.Parse("0193a6b2-7c4d-7e8f-9a0b-1c2d3e4f5a6b");

    public static TheoryData<string> AllKinds => new()
    {
        Account.IdPrefix, Organisation.IdPrefix, Unit.IdPrefix, User.IdPrefix, Device.IdPrefix, Credential.IdPrefix,
    };

    [Theory]
    [MemberData(nameof(AllKinds))]
    public void Format_then_TryParse_round_trips(string kind)
    {
        var text = PublicId.Format(kind, Id);

        Assert.Equal(kind + "-0193a6b2-7c4d-7e8f-9a0b-1c2d3e4f5a6b", text);
        Assert.True(PublicId.TryParse(kind, text, out var parsed));
        Assert.Equal(Id, parsed);
    }

    [Fact]
    public void A_bare_uuid_is_accepted()
    {
        Assert.True(PublicId.TryParse<User>(Id.ToString("D"), out var parsed));
        Assert.Equal(Id, parsed);
    }

    [Fact]
    public void A_wrong_kind_prefix_is_rejected()
    {
        Assert.False(PublicId.TryParse<User>(PublicId.Of<Organisation>(Id), out var parsed));
        Assert.Equal(Guid.Empty, parsed);
        Assert.False(PublicId.TryParse<Unit>(PublicId.Of<User>(Id), out _));
        Assert.False(PublicId.TryParse<Account>("ACCT-" + Id.ToString("D"), out _));
        Assert.False(PublicId.TryParse<Account>("acct_" + Id.ToString("D"), out _));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("user-")]
    [InlineData("user")]
    [InlineData("user-not-a-uuid")]
    [InlineData("user-0193a6b27c4d7e8f9a0b1c2d3e4f5a6b")]
    [InlineData("user-{0193a6b2-7c4d-7e8f-9a0b-1c2d3e4f5a6b}")]
    [InlineData("user-00000000-0000-0000-0000-000000000000")]
    [InlineData("00000000-0000-0000-0000-000000000000")]
    public void Malformed_ids_are_rejected(string? text)
    {
        Assert.False(PublicId.TryParse<User>(text, out var parsed));
        Assert.Equal(Guid.Empty, parsed);
    }

    public static TheoryData<PrincipalKind, string> CallerKinds => new()
    {
        { PrincipalKind.Account, "acct" }, { PrincipalKind.Organisation, "org" }, { PrincipalKind.User, "user" }, { PrincipalKind.Root, "root" },
    };

    [Theory]
    [MemberData(nameof(CallerKinds))]
    public void PrincipalKinds_tell_the_kind_of_a_caller_id(PrincipalKind kind, string prefix)
    {
        Assert.True(PrincipalKinds.TryParse(PublicId.Format(prefix, Id), out var parsedKind, out var parsed));
        Assert.Equal(kind, parsedKind);
        Assert.Equal(Id, parsed);
        Assert.Equal(PublicId.Format(prefix, Id), PrincipalKinds.PublicIdOf(kind, Id));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("0193a6b2-7c4d-7e8f-9a0b-1c2d3e4f5a6b")]
    [InlineData("team-0193a6b2-7c4d-7e8f-9a0b-1c2d3e4f5a6b")]
    [InlineData("unit-0193a6b2-7c4d-7e8f-9a0b-1c2d3e4f5a6b")]
    [InlineData("user-garbage")]
    public void PrincipalKinds_reject_ids_without_a_caller_kind(string? text)
    {
        Assert.False(PrincipalKinds.TryParse(text, out _, out var parsed));
        Assert.Equal(Guid.Empty, parsed);
    }

    [Fact]
    public void A_route_id_binds_by_its_kind()
    {
        Assert.True(Id<Organisation>.TryParse(PublicId.Of<Organisation>(Id), null, out var org));
        Assert.Equal(Id, org.Value);
        Assert.Equal(PublicId.Of<Organisation>(Id), org.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("user-0193a6b2-7c4d-7e8f-9a0b-1c2d3e4f5a6b")]
    [InlineData("org-garbage")]
    public void A_malformed_route_id_binds_as_none_which_no_row_has(string? text)
    {
        Assert.True(Id<Organisation>.TryParse(text, null, out var org));
        Assert.Equal(Id<Organisation>.None, org);
        Assert.Equal(Guid.Empty, org.Value);
    }

    [Fact]
    public void NewGuid_gives_version_7_uuids_ordered_by_time()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var ids = new List<Guid>();
        for (var i = 0; i < 200; i++)
        {
            var now = time.GetUtcNow();
            var id = PublicId.NewGuid(now);
            Assert.Equal(7, id.Version);
            Assert.Equal(now.ToUnixTimeMilliseconds(), UnixMilliseconds(id));
            ids.Add(id);
            time.Advance(TimeSpan.FromMilliseconds(1 + (i % 3)));
        }

        Assert.Equal(ids, ids.Order());
        Assert.Equal(ids.Select(g => g.ToString("D")), ids.Select(g => g.ToString("D")).Order(StringComparer.Ordinal));
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public void NewGuid_in_one_millisecond_is_unique()
    {
        var now = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        var ids = Enumerable.Range(0, 1000).Select(_ => PublicId.NewGuid(now)).ToList();

        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    private static long UnixMilliseconds(Guid id)
    {
        Span<byte> bytes = stackalloc byte[16];
        id.TryWriteBytes(bytes, bigEndian: true, out _);
        long ms = 0;
        for (var i = 0; i < 6; i++)
        {
            ms = (ms << 8) | bytes[i];
        }

        return ms;
    }
}
