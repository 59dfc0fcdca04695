namespace Steward.Client;

/// <summary>A user's device.</summary>
/// <param name="Id">Public id, <c>device-…</c>.</param>
/// <param name="UserId">Owning user.</param>
/// <param name="NativeId">The device's own id.</param>
/// <param name="Family">Device family.</param>
/// <param name="Name">Device name.</param>
/// <param name="ClientSwVersion">Client software version.</param>
/// <param name="OsVersion">Operating system version.</param>
public sealed record Device(string Id, string UserId, string? NativeId, string? Family, string? Name, string? ClientSwVersion, string? OsVersion);
