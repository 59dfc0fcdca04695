namespace Steward.Core.Tenancy;

/// <summary>An organisation row, cached by id for authorized reads.</summary>
public sealed record OrganisationCacheKey(Guid Id);

/// <summary>A user's organisation roles, cached by user id for access checks.</summary>
public sealed record MembershipsCacheKey(Guid UserId);

/// <summary>An account by its slug, for faces that name the account in the path (a realm, a site).</summary>
public sealed record AccountSlugCacheKey(string Slug);

/// <summary>A unit row, cached by id (the spend check reads its billing day); unit events drop it.</summary>
public sealed record UnitCacheKey(Guid Id);
