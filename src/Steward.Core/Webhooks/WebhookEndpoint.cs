using System.Linq.Expressions;
using Steward.Core.Access;
using Steward.Core.Ids;
using Steward.Core.Tenancy;

namespace Steward.Core.Webhooks;

/// <summary>
/// A URL that receives an account's events, signed per Standard Webhooks. Only the account (or root)
/// manages endpoints: an organisation or user principal sees none.
/// </summary>
public sealed class WebhookEndpoint : IPublicEntity, ITenantScoped<WebhookEndpoint>
{
    public static string IdPrefix => "webhook";

    public Guid Id { get; set; }

    public Guid AccountId { get; set; }

    public string Url { get; set; } = "";

    /// <summary>Event type patterns, space-separated: <c>*</c>, <c>user.*</c>, <c>organisation.created</c>.</summary>
    public string EventTypes { get; set; } = "*";

    public string? Description { get; set; }

    public bool Enabled { get; set; } = true;

    /// <summary>Why Steward disabled the endpoint (<c>failing</c>); null when enabled or disabled by the account.</summary>
    public string? DisabledReason { get; set; }

    /// <summary>The signing secret (<c>whsec_…</c>), encrypted with the master key.</summary>
    public string Secret { get; set; } = "";

    /// <summary>The secret before the last rotation, still signing alongside until <see cref="PreviousSecretExpiresAt"/>.</summary>
    public string? PreviousSecret { get; set; }

    public DateTimeOffset? PreviousSecretExpiresAt { get; set; }

    /// <summary>Start of the current run of failed attempts; null after a success.</summary>
    public DateTimeOffset? FailingSince { get; set; }

    /// <summary>The last event sequence number before the endpoint existed: it receives only later events.</summary>
    public long StartSequence { get; set; }

    /// <summary>
    /// <see cref="StartSequence"/> of an endpoint brought in by <c>steward import</c> until the fan-out reaches the
    /// account's <c>account.imported</c> event, which then becomes its start: the imported history is not delivered.
    /// </summary>
    public const long StartsAtImport = long.MaxValue;

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public int Version { get; set; }

    public IReadOnlyList<string> EventTypeList => EventTypes.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Webhooks are the account's own; an organisation's credential sees none.</summary>
    public static Expression<Func<WebhookEndpoint, bool>> OfOrganisation(Guid organisationId) => _ => false;

    /// <summary>Webhooks are the account's own; a user sees none.</summary>
    public static Expression<Func<WebhookEndpoint, bool>> VisibleToUser(Guid userId, IQueryable<Membership> memberships) => _ => false;
}
