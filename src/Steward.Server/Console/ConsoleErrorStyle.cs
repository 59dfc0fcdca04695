using Steward.Core.Results;
using Steward.Server.Hosting;

namespace Steward.Server.AdminConsole;

/// <summary>
/// The console's refusals are pages: a signed-out visitor is sent to the sign-in page, anything else
/// is an HTML page with the status the native API would give (another tenant's id is a 404).
/// </summary>
public sealed class ConsoleErrorStyle : IFrameworkErrorStyle
{
    public static readonly ConsoleErrorStyle Instance = new();

    public IResult Render(Error error) =>
        error.Code == ErrorCode.Unauthorized ? Results.Redirect("/console") : new ErrorPage(error);

    public IResult RenderFramework(HttpContext http, int status) => new ErrorPage(Surfaces.FrameworkError(http, status), status);

    /// <summary>The HTTP status of a core error, as the native API answers it.</summary>
    public static int StatusOf(Error error) => error.Code switch
    {
        ErrorCode.NotFound or ErrorCode.ReferenceMissing => StatusCodes.Status404NotFound,
        ErrorCode.Forbidden => StatusCodes.Status403Forbidden,
        ErrorCode.Unauthorized => StatusCodes.Status401Unauthorized,
        ErrorCode.Conflict or ErrorCode.VersionConflict or ErrorCode.LimitReached => StatusCodes.Status409Conflict,
        ErrorCode.PayloadTooLarge => StatusCodes.Status413PayloadTooLarge,
        _ => StatusCodes.Status400BadRequest,
    };

    /// <summary>An error page in the console's layout (with its navigation when someone is signed in).</summary>
    private sealed class ErrorPage(Error error, int? status = null) : IResult
    {
        public async Task ExecuteAsync(HttpContext http)
        {
            var code = status ?? StatusOf(error);
            var title = code switch
            {
                StatusCodes.Status404NotFound => "Not found",
                StatusCodes.Status403Forbidden => "Not allowed",
                StatusCodes.Status405MethodNotAllowed => "Not found",
                _ => "Request refused",
            };
            // A refused query parameter (a billing period out of reach) says which and why, as the API's problem does.
            var fields = error.Fields is { Count: > 0 } f
                ? Html.Of($"<ul class=\"alert\">{f.SelectMany(x => x.Value).Select(m => Html.Of($"<li>{m}</li>"))}</ul>")
                : Html.Empty;
            var body = Html.Of($"<p class=\"alert\">{error.Message}</p>{fields}<p><a href=\"/console\">Back to the console</a></p>");
            var page = await Layout.PageAsync(http, title, body, code);
            await page.ExecuteAsync(http);
        }
    }
}
