using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.DataProtection;

namespace Steward.Server.Faces.Spreedly;

/// <summary>
/// ASP.NET anti-forgery for the sign-up page's form. The server's own <see cref="IAntiforgery"/> belongs to
/// the admin console (its cookie lives under <c>/console</c>), and the options are one per container, so
/// the page gets its own instance, built in a small container of its own over the server's Data Protection
/// keys: its cookie (<c>steward_signup_csrf</c>) is sent to the sign-up paths, which live under any site's name.
/// </summary>
internal sealed class SpreedlySignUpForgery
{
    public const string FieldName = "__csrf";

    /// <summary>One per server (per its Data Protection provider, a singleton), made on first use.</summary>
    private static readonly ConditionalWeakTable<IDataProtectionProvider, SpreedlySignUpForgery> Instances = [];

    private SpreedlySignUpForgery(IAntiforgery antiforgery) => Antiforgery = antiforgery;

    public IAntiforgery Antiforgery { get; }

    /// <summary>The server's instance, from any of its service providers (a request's will do).</summary>
    public static SpreedlySignUpForgery Of(IServiceProvider server) =>
        Instances.GetValue(server.GetRequiredService<IDataProtectionProvider>(), _ => Create(server));

    private static SpreedlySignUpForgery Create(IServiceProvider server)
    {
        var services = new ServiceCollection();
        services.AddSingleton(server.GetRequiredService<IDataProtectionProvider>());
        services.AddSingleton(server.GetRequiredService<ILoggerFactory>());
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "steward_signup_csrf";
            o.Cookie.Path = "/";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.HttpOnly = true;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.FormFieldName = FieldName;

            // The page forbids framing itself (CSP frame-ancestors and X-Frame-Options DENY).
            o.SuppressXFrameOptionsHeader = true;
        });
        return new SpreedlySignUpForgery(services.BuildServiceProvider().GetRequiredService<IAntiforgery>());
    }
}
