using Steward.Core.Catalog;
using Steward.Core.Results;

namespace Steward.Server.Faces.Spreedly;

/// <summary>
/// How one call words its refusals: the ids it names, whether its validation errors are plain text (the
/// complimentary calls) or <c>&lt;errors&gt;</c>, the status of a refusal of the current state (403; fees
/// answer 422), and texts that differ per call, by <see cref="Error.Reason"/> (or <see cref="Taken"/>).
/// </summary>
internal sealed record SpreedlyCall(
    string CustomerId,
    string? PlanId = null,
    bool PlainValidation = false,
    int RefusalStatus = StatusCodes.Status403Forbidden,
    IReadOnlyDictionary<string, string>? Texts = null)
{
    /// <summary>The key of <see cref="Texts"/> for a customer id that another subscriber has.</summary>
    public const string Taken = "taken";
}

/// <summary>The answers of the Spreedly calls: subscriber XML, empty successes, and refusals in the contract's words.</summary>
internal static class SpreedlyResults
{
    /// <summary>The texts of refusals clients know, by the core's reason (docs/spreedly.md, section 4).</summary>
    private static readonly Dictionary<string, string> Known = new(StringComparer.Ordinal)
    {
        [CatalogReasons.NotEligibleForFreeTrial] = "The subscriber is not eligible for a free trial",
        [CatalogReasons.PlanNotFreeTrial] = "The subscription plan must be a free trial plan.",
        [CatalogReasons.PlanDisabled] = "The subscription plan is temporarily unavailable for purchase. Please try again later.",
        [CatalogReasons.SubscriberActive] = "Complimentary subscriptions cannot be given to active subscribers.",
        [CatalogReasons.AlreadySubscribed] = "The subscriber already has an active subscription.",
        [CatalogReasons.NotTestAccount] = "Subscribers can only be deleted on test sites.",
    };

    public static IResult Xml(int status, string xml) => SpreedlyErrorStyle.Xml(status, xml);

    /// <summary>A success with no body (200 for updates and deletes, 201 for fees and credits).</summary>
    public static IResult Empty(int status = StatusCodes.Status200OK) => Results.StatusCode(status);

    public static IResult NoSubscriber(string customerId) =>
        SpreedlyErrorStyle.Text(StatusCodes.Status404NotFound, $"There is no subscriber with a customer id of {customerId}");

    public static IResult NoPlan(string planId) =>
        SpreedlyErrorStyle.Text(StatusCodes.Status404NotFound, $"There is no subscription plan with an ID of {planId} for the site you're accessing");

    public static IResult Text(int status, string text) => SpreedlyErrorStyle.Text(status, text);

    public static IResult Fail(Error error, SpreedlyCall call)
    {
        switch (error.Code)
        {
            case ErrorCode.NotFound when error.Message.StartsWith("Plan", StringComparison.Ordinal):
                return NoPlan(call.PlanId ?? "");
            case ErrorCode.NotFound:
                return NoSubscriber(call.CustomerId);
            case ErrorCode.Validation when call.PlainValidation && error.Fields?.ContainsKey("body") != true:
                return SpreedlyErrorStyle.Text(StatusCodes.Status422UnprocessableEntity, string.Join("\n", SpreedlyErrorStyle.Words(error)));
            case ErrorCode.Conflict when error.Violations.Any(v => v.Rule == FieldRule.Taken)
                && call.Texts?.GetValueOrDefault(SpreedlyCall.Taken) is { } taken:
                return SpreedlyErrorStyle.Text(StatusCodes.Status403Forbidden, taken);
            case ErrorCode.Conflict or ErrorCode.Forbidden when error.Reason is { } reason:
                var text = call.Texts?.GetValueOrDefault(reason) ?? Known.GetValueOrDefault(reason) ?? error.Message;
                return call.RefusalStatus == StatusCodes.Status422UnprocessableEntity
                    ? SpreedlyErrorStyle.Errors(call.RefusalStatus, [text])
                    : SpreedlyErrorStyle.Text(call.RefusalStatus, text);
            default:
                return SpreedlyErrorStyle.Instance.Render(error);
        }
    }

    /// <summary>The text of a customer id that another subscriber of the site has; clients match it with <c>customer-id of \d+ already exists</c>.</summary>
    public static string AlreadyExists(string customerId) => $"A subscriber with a customer-id of {customerId} already exists.";
}
