using System.Text.Json.Serialization;

namespace Steward.Client.Kandy;

/// <summary>Result of <see cref="KandyAccount.GetAccountAccessTokenAsync"/>.</summary>
public sealed record KandyAccountAccessToken
{
    /// <summary>The account access token (<c>AAT…</c>), the <c>key</c> of account-level calls.</summary>
    [JsonPropertyName("account_access_token")]
    public string AccountAccessToken { get; init; } = "";
}

/// <summary>Result of <see cref="KandyDomain.GetDomainAccessTokenAsync"/>.</summary>
public sealed record KandyDomainAccessToken
{
    /// <summary>The domain access token (<c>DAT…</c>), the <c>key</c> of domain-level calls.</summary>
    [JsonPropertyName("domain_access_token")]
    public string DomainAccessToken { get; init; } = "";
}

/// <summary>Result of <see cref="KandyUser.GetUserAccessTokenAsync"/>.</summary>
public sealed record KandyUserAccessToken
{
    /// <summary>The user access token (<c>UAT…</c>), the <c>key</c> of user-level calls.</summary>
    [JsonPropertyName("user_access_token")]
    public string UserAccessToken { get; init; } = "";
}

/// <summary>A domain (project) as the account sees it.</summary>
public sealed record KandyDomainInfo
{
    /// <summary>The domain's API key (<c>DAK…</c>).</summary>
    [JsonPropertyName("domain_api_key")]
    public string DomainApiKey { get; init; } = "";

    /// <summary>The domain's API secret (<c>DAS…</c>).</summary>
    [JsonPropertyName("domain_api_secret")]
    public string DomainApiSecret { get; init; } = "";

    /// <summary>The domain name, unique on the server (for example <c>example.com</c>).</summary>
    [JsonPropertyName("domain_name")]
    public string DomainName { get; init; } = "";

    /// <summary>The human-readable description given at creation; "" when none.</summary>
    [JsonPropertyName("project_name")]
    public string ProjectName { get; init; } = "";

    /// <summary>The owning account's number, eight digits (<c>00000012</c>).</summary>
    [JsonPropertyName("account_number")]
    public string AccountNumber { get; init; } = "";

    /// <summary>The owning account's email address.</summary>
    [JsonPropertyName("account_email")]
    public string AccountEmail { get; init; } = "";

    /// <summary>How many users the domain has, as a decimal string.</summary>
    [JsonPropertyName("number_of_users")]
    public string NumberOfUsers { get; init; } = "";

    /// <summary>The next billing date (<c>yyyy-MM-dd</c>), or "" when the domain has no billing unit.</summary>
    [JsonPropertyName("next_recurring_payment")]
    public string NextRecurringPayment { get; init; } = "";
}

/// <summary>Result of <see cref="KandyAccount.GetDomainsAsync"/>.</summary>
public sealed record KandyDomainList
{
    /// <summary>The account's domains.</summary>
    [JsonPropertyName("domains")]
    public IReadOnlyList<KandyDomainInfo> Domains { get; init; } = [];
}

/// <summary>Result of <see cref="KandyDomain.GetLimitedDomainDetailAsync"/>.</summary>
public sealed record KandyDomainDetail
{
    /// <summary>The domain.</summary>
    [JsonPropertyName("domain")]
    public KandyDomainInfo Domain { get; init; } = new();
}

/// <summary>Result of the two user-creating calls.</summary>
public sealed record KandyCreatedUser
{
    /// <summary>The user id, unique within the domain.</summary>
    [JsonPropertyName("user_id")]
    public string UserId { get; init; } = "";

    /// <summary>The password given at creation, or the random one the server chose when none was given.</summary>
    [JsonPropertyName("user_password")]
    public string UserPassword { get; init; } = "";

    /// <summary><c>user_id@domain_name</c>.</summary>
    [JsonPropertyName("full_user_id")]
    public string FullUserId { get; init; } = "";

    /// <summary>The user's domain.</summary>
    [JsonPropertyName("domain_name")]
    public string DomainName { get; init; } = "";

    /// <summary>The user's API key (<c>UAK…</c>).</summary>
    [JsonPropertyName("user_api_key")]
    public string UserApiKey { get; init; } = "";

    /// <summary>The user's API secret (<c>UAS…</c>).</summary>
    [JsonPropertyName("user_api_secret")]
    public string UserApiSecret { get; init; } = "";
}

/// <summary>A user as its domain sees it.</summary>
public sealed record KandyUserInfo
{
    /// <summary>The user's API key (<c>UAK…</c>).</summary>
    [JsonPropertyName("user_api_key")]
    public string UserApiKey { get; init; } = "";

    /// <summary>The user's API secret (<c>UAS…</c>).</summary>
    [JsonPropertyName("user_api_secret")]
    public string UserApiSecret { get; init; } = "";

    /// <summary>The user id, unique within the domain.</summary>
    [JsonPropertyName("user_id")]
    public string UserId { get; init; } = "";

    /// <summary>The user's domain.</summary>
    [JsonPropertyName("domain_name")]
    public string DomainName { get; init; } = "";

    /// <summary>The national phone number; "" when none.</summary>
    [JsonPropertyName("user_phone_number")]
    public string UserPhoneNumber { get; init; } = "";

    /// <summary>The country's calling code (<c>1</c> for the US); "" when none.</summary>
    [JsonPropertyName("user_country_code")]
    public string UserCountryCode { get; init; } = "";

    /// <summary><c>user_id@domain_name</c>.</summary>
    [JsonPropertyName("full_user_id")]
    public string FullUserId { get; init; } = "";

    /// <summary>The first name; "" when none.</summary>
    [JsonPropertyName("user_first_name")]
    public string UserFirstName { get; init; } = "";

    /// <summary>The last name; "" when none.</summary>
    [JsonPropertyName("user_last_name")]
    public string UserLastName { get; init; } = "";

    /// <summary>The email address; "" when none.</summary>
    [JsonPropertyName("user_email")]
    public string UserEmail { get; init; } = "";
}

/// <summary>Result of <see cref="KandyDomain.GetUsersAsync"/> and <see cref="KandyDomain.GetUserDetailsAsync"/>.</summary>
public sealed record KandyUserList
{
    /// <summary>The users.</summary>
    [JsonPropertyName("users")]
    public IReadOnlyList<KandyUserInfo> Users { get; init; } = [];
}

/// <summary>Result of <see cref="KandyUser.CreateDeviceAsync"/>.</summary>
public sealed record KandyCreatedDevice
{
    /// <summary>The new device's id, for <see cref="KandyUser.DeleteDeviceAsync"/>.</summary>
    [JsonPropertyName("device_id")]
    public string DeviceId { get; init; } = "";
}

/// <summary>A user's device.</summary>
public sealed record KandyDevice
{
    /// <summary>The device's id.</summary>
    [JsonPropertyName("device_id")]
    public string DeviceId { get; init; } = "";

    /// <summary>The device's own identifier (for example a hardware id).</summary>
    [JsonPropertyName("device_native_id")]
    public string DeviceNativeId { get; init; } = "";

    /// <summary>The device family (for example <c>iphone</c>).</summary>
    [JsonPropertyName("device_family")]
    public string DeviceFamily { get; init; } = "";

    /// <summary>The device model or name.</summary>
    [JsonPropertyName("device_name")]
    public string DeviceName { get; init; } = "";

    /// <summary>The client software's version.</summary>
    [JsonPropertyName("client_sw_version")]
    public string ClientSwVersion { get; init; } = "";

    /// <summary>The operating system's version.</summary>
    [JsonPropertyName("device_os_version")]
    public string DeviceOsVersion { get; init; } = "";
}

/// <summary>Result of <see cref="KandyUser.GetDevicesAsync"/>.</summary>
public sealed record KandyDeviceList
{
    /// <summary>The user's devices.</summary>
    [JsonPropertyName("devices")]
    public IReadOnlyList<KandyDevice> Devices { get; init; } = [];
}
