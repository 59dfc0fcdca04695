using System.Text.Json;

namespace Steward.Client;

/// <summary>A page of a list.</summary>
/// <param name="Items">The items on this page.</param>
/// <param name="NextCursor">Pass as <c>cursor</c> to read the next page; null on the last page.</param>
public sealed record ItemList<T>(IReadOnlyList<T> Items, string? NextCursor);

/// <summary>An access token from <c>POST /oauth/token</c>.</summary>
/// <param name="AccessToken">The bearer token.</param>
/// <param name="TokenType">Always <c>Bearer</c>.</param>
/// <param name="ExpiresIn">Seconds until it expires.</param>
public sealed record TokenGrant(string AccessToken, string TokenType, int ExpiresIn);

/// <summary>An account (tenant).</summary>
/// <param name="Id">Public id, <c>acct-…</c>.</param>
/// <param name="Number">Stable account number.</param>
/// <param name="Name">Display name.</param>
/// <param name="Email">Contact email.</param>
/// <param name="CreatedAt">Creation time.</param>
/// <param name="UpdatedAt">Last change.</param>
/// <param name="Version">Concurrency version (the ETag).</param>
public sealed record Account(string Id, long Number, string Name, string Email, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, int Version);

/// <summary>A new account with its first credential; the secret is shown this once.</summary>
/// <param name="Id">Public id, <c>acct-…</c>.</param>
/// <param name="Number">Stable account number.</param>
/// <param name="Name">Display name.</param>
/// <param name="Email">Contact email.</param>
/// <param name="CredentialId">Id of the first credential.</param>
/// <param name="ApiKey">The account's API key.</param>
/// <param name="ApiSecret">The account's API secret (shown once).</param>
/// <param name="Version">Concurrency version.</param>
public sealed record CreatedAccount(string Id, long Number, string Name, string Email, string CredentialId, string ApiKey, string ApiSecret, int Version);

/// <summary>An organisation.</summary>
/// <param name="Id">Public id, <c>org-…</c>.</param>
/// <param name="AccountId">Owning account.</param>
/// <param name="Name">Name, unique in the account.</param>
/// <param name="DomainName">Optional domain name, unique on the server (a Kandy domain).</param>
/// <param name="Description">Free text.</param>
/// <param name="CreatedAt">Creation time.</param>
/// <param name="UpdatedAt">Last change.</param>
/// <param name="Version">Concurrency version (the ETag).</param>
public sealed record Organisation(string Id, string AccountId, string Name, string? DomainName, string? Description, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, int Version);

/// <summary>A new organisation with its API key and secret (shown once).</summary>
/// <param name="Id">Public id, <c>org-…</c>.</param>
/// <param name="AccountId">Owning account.</param>
/// <param name="Name">Name.</param>
/// <param name="DomainName">Domain name, if any.</param>
/// <param name="ApiKey">The organisation's API key.</param>
/// <param name="ApiSecret">The organisation's API secret (shown once).</param>
/// <param name="Version">Concurrency version.</param>
public sealed record CreatedOrganisation(string Id, string AccountId, string Name, string? DomainName, string ApiKey, string ApiSecret, int Version);

/// <summary>A billing unit.</summary>
/// <param name="Id">Public id, <c>unit-…</c>.</param>
/// <param name="OrganisationId">Owning organisation.</param>
/// <param name="Name">Name, unique in the organisation.</param>
/// <param name="BillingDay">Day of the month (1..28) a billing period starts.</param>
/// <param name="OwnerUserId">Owner of a personal unit.</param>
/// <param name="Version">Concurrency version (the ETag).</param>
public sealed record Unit(string Id, string OrganisationId, string Name, int BillingDay, string? OwnerUserId, int Version);

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
public sealed record User(string Id, string AccountId, string? OrganisationId, string Username, string? Email, string? FirstName, string? LastName, string? PhoneNumber, string? CountryCode, bool HasPassword, int Version);

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
public sealed record UserFields(string? Username = null, string? Email = null, string? FirstName = null, string? LastName = null, string? PhoneNumber = null, string? CountryCode = null, string? Password = null, string? OrganisationId = null);

/// <summary>A user's role in an organisation.</summary>
/// <param name="OrganisationId">The organisation.</param>
/// <param name="UserId">The user.</param>
/// <param name="Role"><c>owner</c>, <c>admin</c> or <c>member</c>.</param>
/// <param name="Version">Concurrency version.</param>
public sealed record Membership(string OrganisationId, string UserId, string Role, int Version);

/// <summary>A user's device.</summary>
/// <param name="Id">Public id, <c>device-…</c>.</param>
/// <param name="UserId">Owning user.</param>
/// <param name="NativeId">The device's own id.</param>
/// <param name="Family">Device family.</param>
/// <param name="Name">Device name.</param>
/// <param name="ClientSwVersion">Client software version.</param>
/// <param name="OsVersion">Operating system version.</param>
public sealed record Device(string Id, string UserId, string? NativeId, string? Family, string? Name, string? ClientSwVersion, string? OsVersion);

/// <summary>An API credential (without its secret).</summary>
/// <param name="Id">Public id, <c>cred-…</c>.</param>
/// <param name="OwnerKind"><c>account</c>, <c>organisation</c> or <c>user</c>.</param>
/// <param name="OwnerId">The owner's public id.</param>
/// <param name="ApiKey">The API key.</param>
/// <param name="Label">Label.</param>
/// <param name="IsPrimary">Whether faces show it as the owner's key.</param>
/// <param name="RevokedAt">When it was revoked, if it was.</param>
public sealed record Credential(string Id, string OwnerKind, string OwnerId, string ApiKey, string? Label, bool IsPrimary, DateTimeOffset? RevokedAt);

/// <summary>A credential with its secret, as answered at creation or rotation.</summary>
/// <param name="Id">Public id, <c>cred-…</c>.</param>
/// <param name="OwnerKind">Owner kind.</param>
/// <param name="OwnerId">The owner's public id.</param>
/// <param name="ApiKey">The API key.</param>
/// <param name="ApiSecret">The secret (shown once).</param>
public sealed record IssuedCredential(string Id, string OwnerKind, string OwnerId, string ApiKey, string ApiSecret);

/// <summary>One entry of the event log.</summary>
/// <param name="Id">Sequence number.</param>
/// <param name="Type">Event type, such as <c>organisation.created</c>.</param>
/// <param name="SubjectId">Public id of what changed.</param>
/// <param name="AccountId">The account it belongs to.</param>
/// <param name="ActorId">Who made the change.</param>
/// <param name="Data">The event's data.</param>
/// <param name="OccurredAt">When.</param>
public sealed record Event(long Id, string Type, string SubjectId, string? AccountId, string ActorId, JsonElement Data, DateTimeOffset OccurredAt);

/// <summary>A page of events.</summary>
/// <param name="Items">Events, oldest first.</param>
/// <param name="NextAfter">Pass as <c>after</c> to read on.</param>
public sealed record EventPage(IReadOnlyList<Event> Items, long NextAfter);

/// <summary>An RFC 9457 problem answered by the native API.</summary>
/// <param name="Type">Problem type URI.</param>
/// <param name="Title">Short title.</param>
/// <param name="Status">HTTP status.</param>
/// <param name="Detail">What went wrong, for a person.</param>
/// <param name="Code">Stable error code (validation, not-found, conflict, forbidden, unauthorized, version-conflict, limit-reached).</param>
/// <param name="Errors">Field errors, by field name.</param>
public sealed record Problem(string? Type, string? Title, int Status, string? Detail, string? Code, IReadOnlyDictionary<string, string[]>? Errors);
