using Microsoft.EntityFrameworkCore;
using Steward.Core.Access;
using Steward.Core.Billing;
using Steward.Core.Identity;
using Steward.Core.Ids;
using Steward.Core.Results;
using Steward.Core.Storage;
using Steward.Core.Tenancy;

namespace Steward.Core.Assets;

/// <summary>Where an asset belongs, resolved: its account, and the keys that say who sees it and what it goes with.</summary>
public sealed record ResolvedScope(Guid AccountId, AssetScope Scope, Guid ScopeId, Guid? OrganisationId, Guid? UnitId, Guid? UserId);

/// <summary>
/// Asset scopes: their names and ids on the wire, and who reaches an asset of a scope. The rule (the
/// Account Server's) is the same for seeing and for changing an asset: the account (and root) every
/// asset of the account; an organisation's credential and every user of the account the global
/// assets; a user its own assets and its personal units'; whoever has a role in an organisation (any
/// role) the assets of that organisation, its units and their products. Merchants reach only the
/// assets attached to them, and only to read them (<see cref="AssetService"/>).
/// </summary>
public sealed class AssetScopes(IDbContextFactory<StewardDb> dbs, AccessControl access)
{
    private static readonly (AssetScope Scope, string Prefix)[] Prefixes =
    [
        (AssetScope.Organisation, Organisation.IdPrefix),
        (AssetScope.Unit, Unit.IdPrefix),
        (AssetScope.Product, Product.IdPrefix),
        (AssetScope.User, User.IdPrefix),
    ];

    /// <summary>The public id of a scope (<c>org-…</c>, <c>unit-…</c>); null for <see cref="AssetScope.Global"/>.</summary>
    public static string? PublicScopeId(AssetScope scope, Guid id) =>
        scope == AssetScope.Global ? null : PublicId.Format(PrefixOf(scope), id);

    private static string PrefixOf(AssetScope scope) => Prefixes.First(p => p.Scope == scope).Prefix;

    /// <summary>Reads a scope name, in any case (<c>organisation</c>, <c>ORGANISATION</c>); reports it under <c>scope</c>.</summary>
    public static AssetScope? ParseScope(Validator v, string? text, bool required)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (required)
            {
                v.Add("scope", FieldRule.Required, "scope is required: global, organisation, unit, product or user.");
            }

            return null;
        }

        foreach (var scope in Enum.GetValues<AssetScope>())
        {
            if (string.Equals(scope.ToString(), text.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return scope;
            }
        }

        v.Add("scope", FieldRule.Invalid, "scope must be one of: global, organisation, unit, product, user.");
        return null;
    }

    /// <summary>
    /// Reads a scope id for <paramref name="scope"/>: none for a global asset, otherwise the public id of
    /// the scope's kind. With no scope given, the id's prefix names it (<paramref name="scope"/> is set).
    /// Returns <see cref="Guid.Empty"/> for a global scope, null when invalid or absent.
    /// </summary>
    public static Guid? ParseScopeId(Validator v, ref AssetScope? scope, string? text, bool required)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (scope is AssetScope.Global)
            {
                return Guid.Empty;
            }

            if (scope is { } s && required)
            {
                v.Add("scope_id", FieldRule.Required, $"scope_id is required for a {s.ToString().ToLowerInvariant()} asset: an id such as {PrefixOf(s)}-….");
            }

            return null;
        }

        if (scope is AssetScope.Global)
        {
            v.Add("scope_id", FieldRule.Invalid, "A global asset has no scope_id; leave it out.");
            return null;
        }

        foreach (var (candidate, prefix) in Prefixes)
        {
            if ((scope is null || scope == candidate) && text.StartsWith(prefix + "-", StringComparison.Ordinal) && PublicId.TryParse(prefix, text, out var id))
            {
                scope = candidate;
                return id;
            }
        }

        var expected = scope is { } named ? PrefixOf(named) + "-…" : "org-…, unit-…, product-… or user-…";
        v.Add("scope_id", FieldRule.Format, $"scope_id must be an id such as {expected}.");
        return null;
    }

    /// <summary>Whether the caller reaches an asset of this account and scope (see the class summary); merchants never do.</summary>
    public async Task<bool> ReachesAsync(Principal p, Guid accountId, AssetScope scope, Guid? organisationId, Guid? userId)
    {
        if (p.IsRoot)
        {
            return true;
        }

        if (p.AccountId != accountId || p.Kind is not (PrincipalKind.Account or PrincipalKind.Organisation or PrincipalKind.User))
        {
            return false;
        }

        if (p.Kind == PrincipalKind.Account || scope == AssetScope.Global)
        {
            return true;
        }

        if (p.Kind == PrincipalKind.User && userId == p.SubjectId)
        {
            return true;
        }

        return organisationId is { } org && await access.RoleInAsync(p, accountId, org) is not null;
    }

    public Task<bool> ReachesAsync(Principal p, Asset a) => ReachesAsync(p, a.AccountId, a.Scope, a.OrganisationId, a.UserId);

    /// <summary>
    /// Finds the scope an asset is to belong to and checks that the caller reaches it. A scope id that
    /// names nothing, or something the caller cannot see, is a validation error on <c>scope_id</c>.
    /// <paramref name="accountId"/> is root's choice of account for a global asset.
    /// </summary>
    public async Task<Result<ResolvedScope>> ResolveAsync(Principal p, AssetScope scope, Guid scopeId, Guid? accountId, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        ResolvedScope? resolved = null;
        switch (scope)
        {
            case AssetScope.Global:
                var account = p.IsRoot ? accountId : p.AccountId;
                if (account is null)
                {
                    return Error.Invalid("account_id", FieldRule.Required, "account_id is required when root creates a global asset.");
                }

                if (!await db.Accounts.AnyAsync(a => a.Id == account, ct))
                {
                    return Error.Invalid("account_id", "account_id does not name an account.");
                }

                resolved = new ResolvedScope(account.Value, scope, Guid.Empty, null, null, null);
                break;
            case AssetScope.Organisation:
                if (await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == scopeId, ct) is { } org)
                {
                    resolved = new ResolvedScope(org.AccountId, scope, org.Id, org.Id, null, null);
                }

                break;
            case AssetScope.Unit:
                if (await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == scopeId, ct) is { } unit)
                {
                    resolved = new ResolvedScope(unit.AccountId, scope, unit.Id, unit.OrganisationId, unit.Id, unit.OwnerUserId);
                }

                break;
            case AssetScope.Product:
                var row = await ProductService.FindRowAsync(db, scopeId, ct);
                if (row is not null)
                {
                    var product = row.Product;
                    resolved = new ResolvedScope(product.AccountId, scope, product.Id, product.OrganisationId, product.UnitId, row.UnitOwnerUserId);
                }

                break;
            case AssetScope.User:
                if (await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == scopeId, ct) is { } user)
                {
                    resolved = new ResolvedScope(user.AccountId, scope, user.Id, null, null, user.Id);
                }

                break;
        }

        if (resolved is null || !await ReachesAsync(p, resolved.AccountId, scope, resolved.OrganisationId, resolved.UserId))
        {
            var what = scope switch
            {
                AssetScope.Organisation => "an organisation",
                AssetScope.Unit => "a unit",
                AssetScope.Product => "a product",
                _ => "a user",
            };
            return Error.Invalid("scope_id", $"scope_id does not name {what} the caller can see.");
        }

        if (p.IsRoot && accountId is { } chosen && chosen != resolved.AccountId)
        {
            return Error.Invalid("account_id", "account_id is not the account of the scope; leave it out for an asset that is not global.");
        }

        return resolved;
    }
}
