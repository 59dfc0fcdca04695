namespace Steward.Client;

/// <summary>A page of a list.</summary>
/// <typeparam name="T">The type of the items.</typeparam>
/// <param name="Items">The items on this page.</param>
/// <param name="NextCursor">Pass as <c>cursor</c> to read the next page; null on the last page.</param>
public sealed record ItemList<T>(IReadOnlyList<T> Items, string? NextCursor);

/// <summary>An RFC 9457 problem answered by the native API.</summary>
/// <param name="Type">Problem type URI.</param>
/// <param name="Title">Short title.</param>
/// <param name="Status">HTTP status.</param>
/// <param name="Detail">What went wrong, for a person.</param>
/// <param name="Code">Stable error code (validation, not-found, conflict, forbidden, unauthorized, version-conflict, limit-reached).</param>
/// <param name="Errors">Field errors, by field name.</param>
/// <param name="Reason">Why a conflict was refused, when the code alone does not say (<c>plan_disabled</c>, <c>not_eligible_for_free_trial</c>…).</param>
public sealed record Problem(string? Type, string? Title, int Status, string? Detail, string? Code, IReadOnlyDictionary<string, string[]>? Errors, string? Reason = null);
