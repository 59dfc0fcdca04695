using System.Text.Json.Serialization;

namespace Steward.Client.Kandy;

/// <summary>
/// The <c>user_details</c> of <see cref="KandyDomain.CreateUserByUserIdAsync"/> (which needs
/// <see cref="UserId"/>) and <see cref="KandyDomain.CreateUserByPhoneNumberAsync"/> (which needs
/// <see cref="UserPhoneNumber"/> and <see cref="UserCountryCode"/>). Null fields are not sent.
/// </summary>
public sealed record KandyUserDetails
{
    /// <summary>The user id, unique within the domain (letters, digits and <c>. _ + -</c>).</summary>
    [JsonPropertyName("user_id")]
    public string? UserId { get; init; }

    /// <summary>The national phone number, such as <c>3524096582</c>.</summary>
    [JsonPropertyName("user_phone_number")]
    public string? UserPhoneNumber { get; init; }

    /// <summary>An ISO country code (<c>US</c>) or a calling code (<c>1</c>, <c>+44</c>).</summary>
    [JsonPropertyName("user_country_code")]
    public string? UserCountryCode { get; init; }

    /// <summary>The first name.</summary>
    [JsonPropertyName("user_first_name")]
    public string? UserFirstName { get; init; }

    /// <summary>The last name.</summary>
    [JsonPropertyName("user_last_name")]
    public string? UserLastName { get; init; }

    /// <summary>The email address.</summary>
    [JsonPropertyName("user_email")]
    public string? UserEmail { get; init; }

    /// <summary>The password (8 to 200 characters); when null the server chooses a random one and answers it.</summary>
    [JsonPropertyName("user_password")]
    public string? UserPassword { get; init; }
}

/// <summary>The <c>device_details</c> of <see cref="KandyUser.CreateDeviceAsync"/>. Null fields are not sent.</summary>
public sealed record KandyDeviceDetails
{
    /// <summary>The device's own identifier (for example a hardware id).</summary>
    [JsonPropertyName("device_native_id")]
    public string? DeviceNativeId { get; init; }

    /// <summary>The device family (for example <c>iphone</c>).</summary>
    [JsonPropertyName("device_family")]
    public string? DeviceFamily { get; init; }

    /// <summary>The device model or name.</summary>
    [JsonPropertyName("device_name")]
    public string? DeviceName { get; init; }

    /// <summary>The client software's version.</summary>
    [JsonPropertyName("client_sw_version")]
    public string? ClientSwVersion { get; init; }

    /// <summary>The operating system's version.</summary>
    [JsonPropertyName("device_os_version")]
    public string? DeviceOsVersion { get; init; }
}
