using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Steward.Server.Faces.Kandy;

/// <summary>
/// The Kandy wire: request bodies and result objects with the legacy snake_case names spelled out,
/// so a rename in C# never changes the wire. Absent text is answered as "" (as the legacy API did),
/// never as null.
/// </summary>
internal static class KandyWire
{
    /// <summary>
    /// The face's own JSON settings: exact property names, numbers never read from strings nor strings
    /// from numbers (<c>"user_id": 5</c> is an error naming the field), nulls left out of the envelope.
    /// </summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.General)
    {
        PropertyNameCaseInsensitive = false,
        NumberHandling = JsonNumberHandling.Strict,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        AllowTrailingCommas = false,
        ReadCommentHandling = JsonCommentHandling.Disallow,
        MaxDepth = 16,

        // A key given twice ({"user_id": "a", "user_id": "b"}) is refused, naming the key, not resolved silently.
        AllowDuplicateProperties = false,

        // Answers are application/json, never embedded in HTML: messages keep their quotes, '+', '&' and '…' readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}

/// <summary>Every Kandy answer: <c>status</c> 0 is success; <c>result</c> is left out when there is none.</summary>
internal sealed record KandyEnvelope(
    [property: JsonPropertyName("status")] int Status,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("result")] object? Result = null);

/// <summary>Body of <c>POST accounts/domains</c>.</summary>
internal sealed class KandyDomainRequest
{
    [JsonPropertyName("domain_name")]
    public string? DomainName { get; init; }

    [JsonPropertyName("project_name")]
    public string? ProjectName { get; init; }
}

/// <summary>Body of <c>POST domains/users/user_id</c> and <c>POST domains/users/phone_number</c>.</summary>
internal sealed class KandyUserRequest
{
    [JsonPropertyName("user_id")]
    public string? UserId { get; init; }

    [JsonPropertyName("user_phone_number")]
    public string? PhoneNumber { get; init; }

    [JsonPropertyName("user_country_code")]
    public string? CountryCode { get; init; }

    [JsonPropertyName("user_first_name")]
    public string? FirstName { get; init; }

    [JsonPropertyName("user_last_name")]
    public string? LastName { get; init; }

    [JsonPropertyName("user_email")]
    public string? Email { get; init; }

    [JsonPropertyName("user_password")]
    public string? Password { get; init; }
}

/// <summary>Body of <c>POST users/devices</c>.</summary>
internal sealed class KandyDeviceRequest
{
    [JsonPropertyName("device_native_id")]
    public string? NativeId { get; init; }

    [JsonPropertyName("device_family")]
    public string? Family { get; init; }

    [JsonPropertyName("device_name")]
    public string? Name { get; init; }

    [JsonPropertyName("client_sw_version")]
    public string? ClientSoftwareVersion { get; init; }

    [JsonPropertyName("device_os_version")]
    public string? OsVersion { get; init; }
}

internal sealed record KandyAccountAccessToken([property: JsonPropertyName("account_access_token")] string AccountAccessToken);

internal sealed record KandyDomainAccessToken([property: JsonPropertyName("domain_access_token")] string DomainAccessToken);

internal sealed record KandyUserAccessToken([property: JsonPropertyName("user_access_token")] string UserAccessToken);

/// <summary>A domain as <c>get_domains</c>, <c>create_domain</c> and <c>get_limited_domain_detail</c> show it.</summary>
internal sealed record KandyDomain(
    [property: JsonPropertyName("domain_api_key")] string DomainApiKey,
    [property: JsonPropertyName("domain_api_secret")] string DomainApiSecret,
    [property: JsonPropertyName("domain_name")] string DomainName,
    [property: JsonPropertyName("project_name")] string ProjectName,
    [property: JsonPropertyName("account_number")] string AccountNumber,
    [property: JsonPropertyName("account_email")] string AccountEmail,
    [property: JsonPropertyName("number_of_users")] string NumberOfUsers,
    [property: JsonPropertyName("next_recurring_payment")] string NextRecurringPayment);

internal sealed record KandyDomainList([property: JsonPropertyName("domains")] IReadOnlyList<KandyDomain> Domains);

internal sealed record KandyDomainDetail([property: JsonPropertyName("domain")] KandyDomain Domain);

/// <summary>What the two user-creating calls answer.</summary>
internal sealed record KandyCreatedUser(
    [property: JsonPropertyName("user_id")] string UserId,
    [property: JsonPropertyName("user_password")] string UserPassword,
    [property: JsonPropertyName("full_user_id")] string FullUserId,
    [property: JsonPropertyName("domain_name")] string DomainName,
    [property: JsonPropertyName("user_api_key")] string UserApiKey,
    [property: JsonPropertyName("user_api_secret")] string UserApiSecret);

/// <summary>A user as <c>get_users</c> and <c>get_user_details</c> show it.</summary>
internal sealed record KandyUser(
    [property: JsonPropertyName("user_api_key")] string UserApiKey,
    [property: JsonPropertyName("user_api_secret")] string UserApiSecret,
    [property: JsonPropertyName("user_id")] string UserId,
    [property: JsonPropertyName("domain_name")] string DomainName,
    [property: JsonPropertyName("user_phone_number")] string PhoneNumber,
    [property: JsonPropertyName("user_country_code")] string CountryCode,
    [property: JsonPropertyName("full_user_id")] string FullUserId,
    [property: JsonPropertyName("user_first_name")] string FirstName,
    [property: JsonPropertyName("user_last_name")] string LastName,
    [property: JsonPropertyName("user_email")] string Email);

internal sealed record KandyUserList([property: JsonPropertyName("users")] IReadOnlyList<KandyUser> Users);

internal sealed record KandyCreatedDevice([property: JsonPropertyName("device_id")] string DeviceId);

internal sealed record KandyDevice(
    [property: JsonPropertyName("device_id")] string DeviceId,
    [property: JsonPropertyName("device_native_id")] string NativeId,
    [property: JsonPropertyName("device_family")] string Family,
    [property: JsonPropertyName("device_name")] string Name,
    [property: JsonPropertyName("client_sw_version")] string ClientSoftwareVersion,
    [property: JsonPropertyName("device_os_version")] string OsVersion);

internal sealed record KandyDeviceList([property: JsonPropertyName("devices")] IReadOnlyList<KandyDevice> Devices);
