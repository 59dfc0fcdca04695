using Steward.Core.Catalog;
using Steward.Server.Auth;

namespace Steward.Server.Faces.Spreedly;

/// <summary>
/// The plan list and the subscriber calls: list, create, read (with invoices), update, delete one, delete
/// all. The caller is the site's account (<see cref="BasicTokenX"/>); a subscriber is named by the site's
/// customer id in the path, exactly as the client wrote it (so a 404 repeats it).
/// </summary>
internal static class SpreedlySubscriberCalls
{
    public static async Task<IResult> ListPlans(HttpContext http, PlanService plans)
    {
        var listed = await plans.ListAsync(http.GetPrincipal(), null, null, http.RequestAborted);
        return listed.IsSuccess
            ? SpreedlyResults.Xml(StatusCodes.Status200OK, SpreedlyViews.Plans(listed.Value))
            : SpreedlyErrorStyle.Instance.Render(listed.Error!);
    }

    public static async Task<IResult> List(HttpContext http, SubscriberService subscribers)
    {
        var caller = http.GetPrincipal();
        var listed = await subscribers.ListAsync(caller, caller.AccountId, http.RequestAborted);
        return listed.IsSuccess
            ? SpreedlyResults.Xml(StatusCodes.Status200OK, SpreedlyViews.Subscribers(listed.Value))
            : SpreedlyErrorStyle.Instance.Render(listed.Error!);
    }

    /// <summary>201 with the subscriber and its <c>Location</c>; a customer id the site already has is 403 with the text clients match.</summary>
    public static async Task<IResult> Create(HttpContext http, SubscriberService subscribers, string site)
    {
        var body = await SpreedlyDocument.ReadAsync(http.Request);
        if (!body.IsSuccess)
        {
            return SpreedlyErrorStyle.Instance.Render(body.Error!);
        }

        var caller = http.GetPrincipal();
        var input = SpreedlyWire.Subscriber(body.Value) with { NewCustomerId = null };
        var given = input.CustomerId?.Trim() ?? "";
        var created = await subscribers.CreateAsync(caller, caller.AccountId, input, http.RequestAborted);
        if (!created.IsSuccess)
        {
            return SpreedlyResults.Fail(created.Error!, new SpreedlyCall(given, Texts: Taken(given)));
        }

        var view = created.Value;
        var customerId = view.Subscriber.CustomerId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var request = http.Request;
        http.Response.Headers.Location = $"{request.Scheme}://{request.Host}{request.PathBase}/api/v4/{Uri.EscapeDataString(site)}/subscribers/{customerId}.xml";
        return SpreedlyResults.Xml(StatusCodes.Status201Created, SpreedlyViews.Subscriber(view, withInvoices: false));
    }

    public static async Task<IResult> Get(HttpContext http, SubscriberService subscribers, string customerId)
    {
        var caller = http.GetPrincipal();
        var found = await subscribers.GetAsync(caller, caller.AccountId, customerId, withInvoices: true, http.RequestAborted);
        return found.IsSuccess
            ? SpreedlyResults.Xml(StatusCodes.Status200OK, SpreedlyViews.Subscriber(found.Value, withInvoices: true))
            : SpreedlyResults.Fail(found.Error!, new SpreedlyCall(customerId));
    }

    /// <summary>200 with no body; a body without subscriber fields is 422, a <c>new-customer-id</c> another subscriber has is 403.</summary>
    public static async Task<IResult> Update(HttpContext http, SubscriberService subscribers, string customerId)
    {
        var body = await SpreedlyDocument.ReadAsync(http.Request);
        if (!body.IsSuccess)
        {
            return SpreedlyErrorStyle.Instance.Render(body.Error!);
        }

        var caller = http.GetPrincipal();

        // The subscriber is looked for first: an unknown one is 404 whatever the body.
        var found = await subscribers.FindUserAsync(caller, caller.AccountId, customerId, http.RequestAborted);
        if (!found.IsSuccess)
        {
            return SpreedlyResults.Fail(found.Error!, new SpreedlyCall(customerId));
        }

        if (!SpreedlyWire.HasSubscriberFields(body.Value))
        {
            return SpreedlyResults.Text(StatusCodes.Status422UnprocessableEntity, "You must specify subscriber parameters");
        }

        var input = SpreedlyWire.Subscriber(body.Value) with { CustomerId = null };
        var renamed = input.NewCustomerId?.Trim() ?? "";
        var updated = await subscribers.UpdateAsync(caller, caller.AccountId, customerId, input, http.RequestAborted);
        return updated.IsSuccess
            ? SpreedlyResults.Empty()
            : SpreedlyResults.Fail(updated.Error!, new SpreedlyCall(customerId, Texts: Taken(renamed)));
    }

    /// <summary>200 with no body; 403 unless the site is a test site.</summary>
    public static async Task<IResult> Delete(HttpContext http, SubscriberService subscribers, string customerId)
    {
        var caller = http.GetPrincipal();
        var deleted = await subscribers.DeleteAsync(caller, caller.AccountId, customerId, http.RequestAborted);
        return deleted.IsSuccess ? SpreedlyResults.Empty() : SpreedlyResults.Fail(deleted.Error!, new SpreedlyCall(customerId));
    }

    public static async Task<IResult> DeleteAll(HttpContext http, SubscriberService subscribers)
    {
        var caller = http.GetPrincipal();
        var deleted = await subscribers.DeleteAllAsync(caller, caller.AccountId, http.RequestAborted);
        return deleted.IsSuccess ? SpreedlyResults.Empty() : SpreedlyResults.Fail(deleted.Error!, new SpreedlyCall(""));
    }

    private static Dictionary<string, string> Taken(string customerId) =>
        new(StringComparer.Ordinal) { [SpreedlyCall.Taken] = SpreedlyResults.AlreadyExists(customerId) };
}
