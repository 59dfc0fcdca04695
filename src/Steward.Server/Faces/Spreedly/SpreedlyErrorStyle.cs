using System.Text;
using Microsoft.Net.Http.Headers;
using Steward.Core.Results;
using Steward.Server.Hosting;

namespace Steward.Server.Faces.Spreedly;

/// <summary>
/// The Spreedly face's one mapper from core errors to its wire: plain-text bodies or Rails'
/// <c>&lt;errors&gt;&lt;error&gt;…&lt;/error&gt;&lt;/errors&gt;</c>, with the status codes of the contract
/// (docs/spreedly.md). Clients match the texts with regular expressions, so the texts a client knows are
/// written here, verbatim; the calls pass the ones that depend on the call (a subscriber's id, a plan's).
/// <list type="table">
///   <item><term>401</term><description><c>HTTP Basic: Access denied.</c> (core Unauthorized), with a Basic challenge</description></item>
///   <item><term>400</term><description>a body that is not well-formed XML, or could not be read (a validation error on <c>body</c>)</description></item>
///   <item><term>403</term><description>a refusal of the current state (core Conflict, Forbidden): the contract's texts</description></item>
///   <item><term>404</term><description>not found: <c>There is no subscriber with a customer id of 42</c> and the like</description></item>
///   <item><term>413</term><description>a body over 64 KiB</description></item>
///   <item><term>422</term><description>validation: <c>&lt;errors&gt;</c>, one <c>&lt;error&gt;</c> per broken rule, in Rails' words</description></item>
///   <item><term>429</term><description>too many failed attempts, with <c>Retry-After</c></description></item>
/// </list>
/// </summary>
internal sealed class SpreedlyErrorStyle : IFrameworkErrorStyle
{
    public const string AccessDenied = "HTTP Basic: Access denied.";

    public static readonly SpreedlyErrorStyle Instance = new();

    public IResult Render(Error error) => RetryAfter.With(error.Code switch
    {
        ErrorCode.Unauthorized => new Challenge(),
        ErrorCode.Validation when error.Fields?.ContainsKey("body") == true || error.Fields?.ContainsKey("Content-Type") == true =>
            Errors(StatusCodes.Status400BadRequest, Words(error)),
        ErrorCode.Validation => Errors(StatusCodes.Status422UnprocessableEntity, Words(error)),
        ErrorCode.NotFound or ErrorCode.ReferenceMissing => Text(StatusCodes.Status404NotFound, error.Message),
        ErrorCode.Conflict or ErrorCode.Forbidden or ErrorCode.LimitReached => Text(StatusCodes.Status403Forbidden, error.Message),
        ErrorCode.VersionConflict => Text(StatusCodes.Status409Conflict, error.Message),
        ErrorCode.PayloadTooLarge => Text(StatusCodes.Status413PayloadTooLarge, "The body is too large: send at most 64 KiB."),
        ErrorCode.TooManyAttempts => Text(StatusCodes.Status429TooManyRequests, error.Message),
        ErrorCode.RequestTimeout => Text(StatusCodes.Status408RequestTimeout, error.Message),
        _ => Text(StatusCodes.Status500InternalServerError, "Something went wrong on the server; nothing was changed."),
    }, error);

    public IResult RenderFramework(HttpContext http, int status) => status switch
    {
        StatusCodes.Status404NotFound => Text(status, $"{http.Request.Path} is not a call of the Spreedly API."),
        StatusCodes.Status405MethodNotAllowed => Text(status, $"{http.Request.Path} does not answer {http.Request.Method}."),
        _ => Render(Surfaces.FrameworkError(http, status)),
    };

    /// <summary>A plain-text answer (<c>text/plain; charset=utf-8</c>), as Spreedly wrote most refusals.</summary>
    public static IResult Text(int status, string text) => Results.Text(text, "text/plain; charset=utf-8", Encoding.UTF8, status);

    /// <summary>An XML answer (<c>application/xml; charset=utf-8</c>).</summary>
    public static IResult Xml(int status, string xml) => Results.Text(xml, "application/xml; charset=utf-8", Encoding.UTF8, status);

    /// <summary><c>&lt;errors&gt;&lt;error&gt;…&lt;/error&gt;&lt;/errors&gt;</c>.</summary>
    public static IResult Errors(int status, IEnumerable<string> messages)
    {
        var xml = new SpreedlyXmlWriter().Open("errors");
        foreach (var message in messages)
        {
            xml.Text("error", message);
        }

        return Xml(status, xml.Close("errors").ToString());
    }

    /// <summary>A validation error's messages in Rails' words: <c>Duration quantity can't be blank</c>.</summary>
    public static IReadOnlyList<string> Words(Error error)
    {
        if (error.Violations.Count == 0)
        {
            return [error.Message];
        }

        var words = new List<string>();
        foreach (var v in error.Violations)
        {
            var human = Human(v.Field);
            var message = v.Rule switch
            {
                FieldRule.Required => $"{human} can't be blank",
                FieldRule.TooLong when v.Argument("max") is { } max => $"{human} is too long (maximum is {max} characters)",
                _ when v.Message.StartsWith(v.Field + " ", StringComparison.Ordinal) => human + v.Message[v.Field.Length..].TrimEnd('.'),
                _ => v.Message,
            };
            if (!words.Contains(message, StringComparer.Ordinal))
            {
                words.Add(message);
            }
        }

        return words;
    }

    /// <summary><c>duration_quantity</c> → <c>Duration quantity</c>.</summary>
    public static string Human(string field)
    {
        var words = field.Replace('_', ' ');
        return words.Length == 0 ? words : char.ToUpperInvariant(words[0]) + words[1..];
    }

    /// <summary>401 with the body Rails' HTTP Basic refusal had, and the challenge that asks for credentials.</summary>
    private sealed class Challenge : IResult, IStatusCodeHttpResult
    {
        public int? StatusCode => StatusCodes.Status401Unauthorized;

        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers[HeaderNames.WWWAuthenticate] = "Basic realm=\"Application\"";
            return Text(StatusCodes.Status401Unauthorized, AccessDenied).ExecuteAsync(httpContext);
        }
    }
}
