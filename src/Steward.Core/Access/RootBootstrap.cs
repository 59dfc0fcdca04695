using Microsoft.EntityFrameworkCore;
using Steward.Core.Ids;
using Steward.Core.Results;
using Steward.Core.Security;
using Steward.Core.Storage;
using Steward.Core.Writes;

namespace Steward.Core.Access;

/// <summary>The root credential made on first start: what the operator supplied, or a fresh one to print once.</summary>
public sealed record BootstrapOutcome(bool Created, string? ApiKey, string? GeneratedSecret);

/// <summary>Creates the root credential on an empty database.</summary>
public sealed class RootBootstrap(IDbContextFactory<StewardDb> dbs, WriteGate gate, SecretProtector protector)
{
    public async Task<BootstrapOutcome> EnsureRootAsync(string? suppliedKey, string? suppliedSecret, CancellationToken ct = default)
    {
        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            if (await db.Credentials.AnyAsync(c => c.OwnerKind == PrincipalKind.Root, ct))
            {
                return new BootstrapOutcome(false, null, null);
            }
        }

        var supplied = !string.IsNullOrEmpty(suppliedKey) && !string.IsNullOrEmpty(suppliedSecret);
        if (supplied && (suppliedKey!.Length > 64 || suppliedSecret!.Length > 200))
        {
            throw new InvalidOperationException("STEWARD_BOOTSTRAP_ADMIN_KEY must be at most 64 characters and the secret at most 200.");
        }

        var key = supplied ? suppliedKey! : Secrets.NewApiKey("RAK");
        var secret = supplied ? suppliedSecret! : Secrets.NewSecret("RAS");
        var result = await gate.ExecuteAsync(Principal.System, async ctx =>
        {
            if (await ctx.Db.Credentials.AnyAsync(c => c.OwnerKind == PrincipalKind.Root))
            {
                return Result<bool>.Ok(false);
            }

            var id = PublicId.NewGuid(ctx.Now);
            ctx.Db.Credentials.Add(new Credential
            {
                Id = id,
                OwnerKind = PrincipalKind.Root,
                OwnerId = id,
                ApiKey = key,
                SecretHash = Secrets.Hash(secret),
                SecretCipher = protector.Protect(secret),
                Label = "root",
                IsPrimary = true,
                CreatedAt = ctx.Now,
            });
            ctx.Emit(null, new RootCreated { ApiKey = key, Supplied = supplied, CredentialId = id });
            return Result<bool>.Ok(true);
        }, ct);

        return result.Value
            ? new BootstrapOutcome(true, key, supplied ? null : secret)
            : new BootstrapOutcome(false, null, null);
    }
}
