namespace Steward.Client;

/// <summary>A user.</summary>
/// <param name="Id">Public id, <c>user-…</c>.</param>
/// <param name="AccountId">Owning account.</param>
/// <param name="OrganisationId">Home organisation, if any.</param>
/// <param name="Username">Username, unique in its organisation or account.</param>
/// <param name="Email">Email.</param>
/// <param name="FirstName">First name.</param>
/// <param name="LastName">Last name.</param>
/// <param name="PhoneNumber">Phone number.</param>
/// <param name="CountryCode">Country code.</param>
/// <param name="HasPassword">Whether the user can sign in with a password.</param>
/// <param name="Version">Concurrency version (the ETag).</param>
/// <param name="Admin">Whether the user has the account-level admin role (the <c>admin</c> role of its realm's tokens).</param>
public sealed record User(string Id, string AccountId, string? OrganisationId, string Username, string? Email, string? FirstName, string? LastName, string? PhoneNumber, string? CountryCode, bool HasPassword, int Version, bool Admin = false);

/// <summary>A new user with its API key and secret (shown once).</summary>
/// <param name="Id">Public id, <c>user-…</c>.</param>
/// <param name="AccountId">Owning account.</param>
/// <param name="OrganisationId">Home organisation, if any.</param>
/// <param name="Username">Username.</param>
/// <param name="ApiKey">The user's API key.</param>
/// <param name="ApiSecret">The user's API secret (shown once).</param>
/// <param name="Version">Concurrency version.</param>
public sealed record CreatedUser(string Id, string AccountId, string? OrganisationId, string Username, string ApiKey, string ApiSecret, int Version);

/// <summary>Fields of a new or changed user; null fields are left out.</summary>
/// <param name="Username">Username.</param>
/// <param name="Email">Email.</param>
/// <param name="FirstName">First name.</param>
/// <param name="LastName">Last name.</param>
/// <param name="PhoneNumber">Phone number.</param>
/// <param name="CountryCode">Country code.</param>
/// <param name="Password">Password (8 to 200 characters).</param>
/// <param name="OrganisationId">Home organisation (creation only).</param>
/// <param name="Admin">The account-level admin role; only the account (or root) may set it.</param>
public sealed record UserFields(string? Username = null, string? Email = null, string? FirstName = null, string? LastName = null, string? PhoneNumber = null, string? CountryCode = null, string? Password = null, string? OrganisationId = null, bool? Admin = null);
