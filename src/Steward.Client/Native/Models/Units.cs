namespace Steward.Client;

/// <summary>A billing unit.</summary>
/// <param name="Id">Public id, <c>unit-…</c>.</param>
/// <param name="OrganisationId">Owning organisation.</param>
/// <param name="Name">Name, unique in the organisation.</param>
/// <param name="BillingDay">Day of the month (1..28) a billing period starts.</param>
/// <param name="OwnerUserId">Owner of a personal unit.</param>
/// <param name="Version">Concurrency version (the ETag).</param>
public sealed record Unit(string Id, string OrganisationId, string Name, int BillingDay, string? OwnerUserId, int Version);
