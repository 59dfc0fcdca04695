namespace Steward.Client;

/// <summary>A user's role in an organisation.</summary>
/// <param name="OrganisationId">The organisation.</param>
/// <param name="UserId">The user.</param>
/// <param name="Role"><c>owner</c>, <c>admin</c> or <c>member</c>.</param>
/// <param name="Version">Concurrency version.</param>
public sealed record Membership(string OrganisationId, string UserId, string Role, int Version);
