using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Steward.Core.Access;
using Steward.Core.Billing;
using Steward.Core.Ids;
using Steward.Core.Options;
using Steward.Core.Results;
using Steward.Core.Security;
using Steward.Core.Storage;
using Steward.Core.Writes;

namespace Steward.Core.Assets;

/// <summary>
/// Assets: creating, reading, changing, enabling and deleting them. Who reaches which asset is
/// <see cref="AssetScopes"/>'s rule; merchants read only the assets attached to them
/// (<see cref="AssetMerchants"/> attaches them and reveals content). A secret asset's content is
/// encrypted before it is stored and is never part of a read or an event.
/// </summary>
public sealed class AssetService(
    IDbContextFactory<StewardDb> dbs,
    WriteGate gate,
    AssetScopes scopes,
    SecretProtector protector,
    IOptions<StewardOptions> options)
{
    /// <summary>Every column but the content, for lists that leave it out.</summary>
    private static readonly Expression<Func<Asset, Asset>> WithoutContent = a => new Asset
    {
        Id = a.Id,
        AccountId = a.AccountId,
        Scope = a.Scope,
        ScopeId = a.ScopeId,
        OrganisationId = a.OrganisationId,
        UnitId = a.UnitId,
        UserId = a.UserId,
        Name = a.Name,
        Description = a.Description,
        Secret = a.Secret,
        ContentLength = a.ContentLength,
        Enabled = a.Enabled,
        CreatedBy = a.CreatedBy,
        CreatedAt = a.CreatedAt,
        UpdatedAt = a.UpdatedAt,
        ContentModifiedAt = a.ContentModifiedAt,
        Version = a.Version,
    };

    private int MaxContentBytes => options.Value.Assets.MaxContentBytes;

    public async Task<Result<AssetView>> CreateAsync(Principal p, AssetInput input, CancellationToken ct = default)
    {
        if (!p.IsRoot && p.Kind is not (PrincipalKind.Account or PrincipalKind.Organisation or PrincipalKind.User))
        {
            return Error.Forbidden("A merchant reads the assets attached to it; it does not create assets.");
        }

        var v = new Validator();
        var name = AssetRules.Name(v, input.Name, required: true);
        var scope = AssetScopes.ParseScope(v, input.Scope, required: true);
        var scopeId = AssetScopes.ParseScopeId(v, ref scope, input.ScopeId, required: true);
        var description = v.Optional("description", input.Description, Limits.Description);
        var length = 0;
        if (input.Content is null)
        {
            v.Add("content", FieldRule.Required, "content is required: give it as text (content) or as a file (content_file).");
        }
        else if (AssetRules.Content(v, input.ContentField, input.Content, MaxContentBytes, out length) is { } tooLarge)
        {
            return tooLarge;
        }

        if (!p.IsRoot && input.AccountId is { } asked && asked != p.AccountId)
        {
            v.Add("account_id", "An asset is created in the caller's own account.");
        }

        if (!v.IsValid)
        {
            return v.ToError();
        }

        var resolved = await scopes.ResolveAsync(p, scope!.Value, scopeId!.Value, input.AccountId, ct);
        if (!resolved.IsSuccess)
        {
            return resolved.Error!;
        }

        var where = resolved.Value;
        var secret = input.Secret ?? false;
        var cipher = secret ? protector.Protect(input.Content!) : null;
        var created = await gate.ExecuteAsync(p, ctx =>
        {
            ctx.OnUniqueViolation = NameTaken(name!);
            var asset = new Asset
            {
                Id = PublicId.NewGuid(ctx.Now),
                AccountId = where.AccountId,
                Scope = where.Scope,
                ScopeId = where.ScopeId,
                OrganisationId = where.OrganisationId,
                UnitId = where.UnitId,
                UserId = where.UserId,
                Name = name!,
                Description = description,
                Secret = secret,
                Content = secret ? null : input.Content,
                SecretCipher = cipher,
                ContentLength = length,
                Enabled = input.Enabled ?? true,
                CreatedBy = ctx.Actor.ActorId,
                CreatedAt = ctx.Now,
                UpdatedAt = ctx.Now,
                ContentModifiedAt = ctx.Now,
                Version = 1,
            };
            ctx.Db.Assets.Add(asset);
            ctx.Emit(asset.AccountId, AssetEvent.Of<AssetCreated>(asset));
            return Task.FromResult(Result<Asset>.Ok(asset));
        }, ct);
        return created.IsSuccess ? new AssetView(created.Value, []) : created.Error!;
    }

    public async Task<Result<AssetView>> GetAsync(Principal p, Guid id, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var asset = await Visible(db, p).FirstOrDefaultAsync(a => a.Id == id, ct);
        return asset is null ? Error.NotFound("Asset") : (await ViewsAsync(db, p, [asset], ct))[0];
    }

    /// <summary>The assets the caller sees (a merchant: those attached to it), optionally of one scope or scope id, in creation order.</summary>
    public async Task<Result<Page<AssetView>>> ListAsync(Principal p, AssetFilter filter, CancellationToken ct = default)
    {
        var paging = Paging.Parse(filter.Limit, filter.Cursor);
        var v = new Validator();
        var scope = AssetScopes.ParseScope(v, filter.Scope, required: false);
        var scopeId = AssetScopes.ParseScopeId(v, ref scope, filter.ScopeId, required: false);
        if (!paging.IsSuccess)
        {
            return paging.Error!;
        }

        if (!v.IsValid)
        {
            return v.ToError();
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var query = Visible(db, p);
        if (scope is { } s)
        {
            query = query.Where(a => a.Scope == s);
        }

        if (scopeId is { } sid && scope is not AssetScope.Global)
        {
            query = query.Where(a => a.ScopeId == sid);
        }

        if (paging.Value.After is { } after)
        {
            query = query.Where(a => a.Id.CompareTo(after) > 0);
        }

        query = query.OrderBy(a => a.Id).Take(paging.Value.Limit + 1);
        var rows = filter.WithContent ? await query.ToListAsync(ct) : await query.Select(WithoutContent).ToListAsync(ct);
        var page = Paging.Build(rows, paging.Value.Limit, a => a.Id);
        return new Page<AssetView>(await ViewsAsync(db, p, page.Items, ct), page.NextCursor);
    }

    /// <summary>Changes an asset's name, description or content (re-encrypted when secret); honours <paramref name="expectedVersion"/>.</summary>
    public async Task<Result<AssetView>> UpdateAsync(Principal p, Guid id, AssetInput input, int? expectedVersion, CancellationToken ct = default)
    {
        var v = new Validator();
        var name = AssetRules.Name(v, input.Name, required: false);
        var description = v.Optional("description", input.Description, Limits.Description);
        var length = 0;
        if (input.Content is not null && AssetRules.Content(v, input.ContentField, input.Content, MaxContentBytes, out length) is { } tooLarge)
        {
            return tooLarge;
        }

        if (input.Secret is not null)
        {
            v.Add("secret", "Whether an asset is secret is set when it is created; create another asset instead.");
        }

        if (input.Scope is not null || input.ScopeId is not null)
        {
            v.Add(input.Scope is not null ? "scope" : "scope_id", "An asset's scope is set when it is created; create another asset instead.");
        }

        if (input.Enabled is not null)
        {
            v.Add("enabled", "Enable or disable an asset with POST …/enable or …/disable.");
        }

        if (!v.IsValid)
        {
            return v.ToError();
        }

        var current = await ManageableAsync(p, id, ct);
        if (!current.IsSuccess)
        {
            return current.Error!;
        }

        // Whether an asset is secret never changes, so the content can be encrypted before the write.
        var cipher = input.Content is not null && current.Value.Secret ? protector.Protect(input.Content) : null;
        var updated = await gate.ExecuteAsync(p, async ctx =>
        {
            var asset = await ctx.Db.Assets.FirstOrDefaultAsync(a => a.Id == id);
            if (asset is null)
            {
                return Error.NotFound("Asset");
            }

            if (expectedVersion is { } expected && expected != asset.Version)
            {
                return Error.VersionConflict();
            }

            var contentChanged = input.Content is not null;
            if (name is null && input.Description is null && !contentChanged)
            {
                return Result<Asset>.Ok(asset);
            }

            ctx.OnUniqueViolation = NameTaken(name ?? asset.Name);
            asset.Name = name ?? asset.Name;

            // An empty description clears it.
            asset.Description = input.Description is null ? asset.Description : description;
            if (contentChanged)
            {
                asset.Content = asset.Secret ? null : input.Content;
                asset.SecretCipher = asset.Secret ? cipher : null;
                asset.ContentLength = length;
                asset.ContentModifiedAt = ctx.Now;
            }

            asset.UpdatedAt = ctx.Now;
            asset.Version++;
            ctx.Emit(asset.AccountId, AssetEvent.Of<AssetUpdated>(asset) with { ContentChanged = contentChanged });
            return Result<Asset>.Ok(asset);
        }, ct);
        return updated.IsSuccess ? await ViewAsync(p, updated.Value, ct) : updated.Error!;
    }

    /// <summary>Enables or disables an asset; a merchant reads only an enabled one. Setting the state it has changes nothing.</summary>
    public async Task<Result<AssetView>> SetEnabledAsync(Principal p, Guid id, bool enabled, CancellationToken ct = default)
    {
        if (await ManageableAsync(p, id, ct) is { IsSuccess: false } denied)
        {
            return denied.Error!;
        }

        var changed = await gate.ExecuteAsync(p, async ctx =>
        {
            var asset = await ctx.Db.Assets.FirstOrDefaultAsync(a => a.Id == id);
            if (asset is null)
            {
                return Error.NotFound("Asset");
            }

            if (asset.Enabled == enabled)
            {
                return Result<Asset>.Ok(asset);
            }

            asset.Enabled = enabled;
            asset.UpdatedAt = ctx.Now;
            asset.Version++;
            ctx.Emit(asset.AccountId, enabled ? AssetEvent.Of<AssetEnabled>(asset) : AssetEvent.Of<AssetDisabled>(asset));
            return Result<Asset>.Ok(asset);
        }, ct);
        return changed.IsSuccess ? await ViewAsync(p, changed.Value, ct) : changed.Error!;
    }

    /// <summary>Deletes an asset. Refused (409, reason <c>asset_attached</c>) while it is attached to a merchant.</summary>
    public async Task<Result<Done>> DeleteAsync(Principal p, Guid id, CancellationToken ct = default)
    {
        if (await ManageableAsync(p, id, ct) is { IsSuccess: false } denied)
        {
            return denied.Error!;
        }

        return await gate.ExecuteAsync(p, async ctx =>
        {
            var asset = await ctx.Db.Assets.FirstOrDefaultAsync(a => a.Id == id);
            if (asset is null)
            {
                return Error.NotFound("Asset");
            }

            var attached = await ctx.Db.AssetAttachments.CountAsync(x => x.AssetId == id);
            if (attached > 0)
            {
                return Error.Refused(
                    AssetReasons.Attached,
                    $"The asset is attached to {attached} merchant{(attached == 1 ? "" : "s")}; detach {(attached == 1 ? "it" : "them")} before deleting the asset.");
            }

            ctx.Db.Assets.Remove(asset);
            ctx.Emit(asset.AccountId, AssetEvent.Of<AssetDeleted>(asset));
            return Result<Done>.Ok(new Done());
        }, ct);
    }

    /// <summary>
    /// The asset (without its content) when the caller may change it; otherwise not found (it cannot see
    /// it) or forbidden (a merchant it is attached to: merchants read assets, they do not change them).
    /// </summary>
    internal async Task<Result<Asset>> ManageableAsync(Principal p, Guid id, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var asset = await Visible(db, p).Where(a => a.Id == id).Select(WithoutContent).FirstOrDefaultAsync(ct);
        if (asset is null)
        {
            return Error.NotFound("Asset");
        }

        return p.Kind == PrincipalKind.Merchant
            ? Error.Forbidden("A merchant reads the assets attached to it; it does not change them.")
            : asset;
    }

    /// <summary>The assets the caller sees: <see cref="TenantScope"/>'s rule, or for a merchant those attached to it in the accounts it serves.</summary>
    internal static IQueryable<Asset> Visible(StewardDb db, Principal p)
    {
        var assets = db.Assets.AsNoTracking();
        if (p.Kind != PrincipalKind.Merchant)
        {
            return assets.VisibleTo(p, db);
        }

        var merchant = p.SubjectId;
        var account = p.AccountId;
        var attachments = db.AssetAttachments;
        return assets.Where(a => (account == Guid.Empty || a.AccountId == account)
            && attachments.Any(x => x.AssetId == a.Id && x.MerchantId == merchant));
    }

    internal async Task<AssetView> ViewAsync(Principal p, Asset asset, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        return (await ViewsAsync(db, p, [asset], ct))[0];
    }

    /// <summary>Views of <paramref name="assets"/> with their merchants, read at once; a merchant sees only itself among them.</summary>
    private static async Task<IReadOnlyList<AssetView>> ViewsAsync(StewardDb db, Principal p, IReadOnlyList<Asset> assets, CancellationToken ct)
    {
        if (assets.Count == 0)
        {
            return [];
        }

        var ids = assets.Select(a => a.Id).ToList();
        Guid? only = p.Kind == PrincipalKind.Merchant ? p.SubjectId : null;
        var attached = await (from x in db.AssetAttachments.AsNoTracking()
                              join m in db.Merchants.AsNoTracking() on x.MerchantId equals m.Id
                              where ids.Contains(x.AssetId) && (only == null || x.MerchantId == only)
                              select new { x.AssetId, x.AttachedAt, Merchant = m }).ToListAsync(ct);
        var byAsset = attached.OrderBy(x => x.AttachedAt).ThenBy(x => x.Merchant.Number).ToLookup(x => x.AssetId);
        return [.. assets.Select(a => new AssetView(a, [.. byAsset[a.Id].Select(x => new AttachedMerchant(x.Merchant, x.AttachedAt))]))];
    }

    private static Error NameTaken(string name) =>
        Error.Conflict("name", $"An asset named '{name}' already exists in this scope; names are unique within a scope.");
}
