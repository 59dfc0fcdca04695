using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using Steward.Core.Options;

namespace Steward.Core.Webhooks;

/// <summary>
/// The guard against server-side request forgery: a webhook may only reach public <c>https://</c>
/// addresses, unless <c>Steward:Webhooks:AllowPrivateTargets</c> lets it reach loopback and private
/// networks (over <c>http://</c> too). The URL is checked when it is registered, and every address is
/// checked again when a delivery connects (<see cref="WebhookSender"/>), since a name can resolve
/// elsewhere by then (DNS rebinding).
/// </summary>
public sealed class WebhookTargets(IOptions<StewardOptions> options)
{
    /// <summary>Resolves a host name; replaced in tests.</summary>
    public Func<string, CancellationToken, Task<IPAddress[]>> Resolve { get; set; } = Dns.GetHostAddressesAsync;

    public bool AllowPrivate => options.Value.Webhooks.AllowPrivateTargets;

    /// <summary>Checks the form of a URL (no network): absolute, https (or http when allowed), a host, no user info.</summary>
    public string? CheckForm(string url, out Uri? uri)
    {
        uri = null;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var parsed) || parsed.Host.Length == 0)
        {
            return "url must be an absolute URL such as https://hooks.example.com/steward.";
        }

        if (parsed.Scheme != Uri.UriSchemeHttps && !(parsed.Scheme == Uri.UriSchemeHttp && AllowPrivate))
        {
            return "url must use https://.";
        }

        if (parsed.UserInfo.Length > 0)
        {
            return "url must not carry a user name or password; authenticate the messages by their signature.";
        }

        if (parsed.Fragment.Length > 0)
        {
            return "url must not have a fragment (#…).";
        }

        uri = parsed;
        return null;
    }

    /// <summary>Resolves the URL's host and checks every address it names; the message says why a target is refused.</summary>
    public async Task<string?> CheckAddressesAsync(Uri uri, CancellationToken ct)
    {
        IPAddress[] addresses;
        try
        {
            addresses = await AddressesOfAsync(uri.IdnHost, ct);
        }
        catch (SocketException)
        {
            return $"url's host '{uri.Host}' could not be resolved.";
        }

        if (addresses.Length == 0)
        {
            return $"url's host '{uri.Host}' could not be resolved.";
        }

        return addresses.Any(a => IsRefused(a, AllowPrivate))
            ? "url must point to a public address; loopback, private, link-local, multicast and unspecified addresses are refused."
            : null;
    }

    /// <summary>The addresses a host stands for: itself when it is an IP literal, else what DNS answers.</summary>
    public async Task<IPAddress[]> AddressesOfAsync(string host, CancellationToken ct)
    {
        var bare = host.StartsWith('[') && host.EndsWith(']') ? host[1..^1] : host;
        return IPAddress.TryParse(bare, out var literal) ? [literal] : await Resolve(bare, ct);
    }

    /// <summary>
    /// True when a webhook may not connect to <paramref name="address"/>. Unspecified, multicast,
    /// broadcast and reserved addresses are never targets; loopback, private, shared (CGNAT),
    /// link-local, documentation and benchmarking ranges only when <paramref name="allowPrivate"/>.
    /// IPv6 forms that embed an IPv4 address (mapped, compatible, NAT64, 6to4) are judged by it.
    /// </summary>
    public static bool IsRefused(IPAddress address, bool allowPrivate)
    {
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            if (address.IsIPv4MappedToIPv6)
            {
                return IsRefused(address.MapToIPv4(), allowPrivate);
            }

            var b = address.GetAddressBytes();
            if (address.Equals(IPAddress.IPv6None))
            {
                return true; // :: unspecified
            }

            if (address.Equals(IPAddress.IPv6Loopback))
            {
                return !allowPrivate;
            }

            if (b.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0)
            {
                return IsRefused(new IPAddress(b.AsSpan(12, 4)), allowPrivate); // deprecated IPv4-compatible ::a.b.c.d
            }

            if (b[0] == 0xff)
            {
                return true; // multicast
            }

            if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b)
            {
                return IsRefused(new IPAddress(b.AsSpan(12, 4)), allowPrivate); // NAT64 64:ff9b::/96
            }

            if (b[0] == 0x20 && b[1] == 0x02)
            {
                return IsRefused(new IPAddress(b.AsSpan(2, 4)), allowPrivate); // 6to4 2002::/16
            }

            var isPrivate = (b[0] & 0xfe) == 0xfc // unique local fc00::/7
                || (b[0] == 0xfe && (b[1] & 0xc0) == 0x80) // link-local fe80::/10
                || (b[0] == 0xfe && (b[1] & 0xc0) == 0xc0) // site-local fec0::/10 (deprecated)
                || (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8); // documentation 2001:db8::/32
            return isPrivate && !allowPrivate;
        }

        if (address.AddressFamily != AddressFamily.InterNetwork)
        {
            return true;
        }

        var v4 = address.GetAddressBytes();
        if (v4[0] == 0 || v4[0] >= 224)
        {
            return true; // "this network", multicast, reserved, broadcast
        }

        var privateV4 = v4[0] == 10
            || v4[0] == 127
            || (v4[0] == 100 && (v4[1] & 0xc0) == 64) // shared address space 100.64/10
            || (v4[0] == 169 && v4[1] == 254) // link-local (cloud metadata lives here)
            || (v4[0] == 172 && (v4[1] & 0xf0) == 16)
            || (v4[0] == 192 && v4[1] == 168)
            || (v4[0] == 192 && v4[1] == 0 && v4[2] is 0 or 2) // IETF protocol assignments, TEST-NET-1
            || (v4[0] == 198 && (v4[1] & 0xfe) == 18) // benchmarking 198.18/15
            || (v4[0] == 198 && v4[1] == 51 && v4[2] == 100) // TEST-NET-2
            || (v4[0] == 203 && v4[1] == 0 && v4[2] == 113); // TEST-NET-3
        return privateV4 && !allowPrivate;
    }
}
