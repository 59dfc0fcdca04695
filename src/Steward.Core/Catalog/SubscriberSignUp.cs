using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Steward.Core.Access;
using Steward.Core.Results;

namespace Steward.Core.Catalog;

/// <summary>
/// What a sign-up page shows: the site's plan with its current terms, and the subscriber when it exists
/// already (the page's plain form makes it on sign-up, with <see cref="ScreenName"/>).
/// </summary>
public sealed record SignUpPage(Plan Plan, PlanVersion Terms, SubscriberView? Subscriber, string? ScreenName);

// The public sign-up page of a subscription site (Spreedly's hosted page): a subscriber follows a link the
// site made, either with its screen name (the subscriber is made when it does not exist yet) or with its
// token (it must exist and the token must be its own). No caller is authenticated: the link is the
// permission, as it was on Spreedly, and the changes are made as Steward itself (actor "system").
public sealed partial class SubscriberService
{
    /// <summary>The plan and the subscriber a sign-up link names; either unknown, or a wrong token, is not found.</summary>
    public async Task<Result<SignUpPage>> SignUpPageAsync(
        Guid accountId, string? customerId, string? screenName, string? token, string? planId, CancellationToken ct = default)
    {
        if (!SubscriberRules.TryParseCustomerId(customerId?.Trim(), out _))
        {
            return Error.NotFound("Subscriber");
        }

        // Plans are named by their integer id here, never by uid.
        if (planId is not { Length: > 0 and <= 18 } || !planId.All(char.IsAsciiDigit))
        {
            return Error.NotFound("Plan");
        }

        var plan = await plans.GetAsync(Principal.System, planId, ct);
        if (!plan.IsSuccess || plan.Value.AccountId != accountId)
        {
            return Error.NotFound("Plan");
        }

        var subscriber = await GetAsync(Principal.System, accountId, customerId, ct: ct);
        if (token is not null && (!subscriber.IsSuccess || !SameToken(token, subscriber.Value.Subscriber.Token)))
        {
            return Error.NotFound("Subscriber");
        }

        if (!subscriber.IsSuccess && subscriber.Error!.Code != ErrorCode.NotFound)
        {
            return subscriber.Error;
        }

        return new SignUpPage(plan.Value, plan.Value.Current, subscriber.IsSuccess ? subscriber.Value : null, screenName);
    }

    /// <summary>
    /// Signs the subscriber up to the plan the link names (see <see cref="SubscriptionService.SignUpAsync"/>),
    /// making the subscriber first when the plain link names one that does not exist yet.
    /// </summary>
    public async Task<Result<SignUpOutcome>> SignUpAsync(
        Guid accountId, string? customerId, string? screenName, string? token, string? planId, CancellationToken ct = default)
    {
        var page = await SignUpPageAsync(accountId, customerId, screenName, token, planId, ct);
        if (!page.IsSuccess)
        {
            return page.Error!;
        }

        var userId = page.Value.Subscriber?.User.Id;
        if (userId is null)
        {
            var created = await CreateAsync(Principal.System, accountId, new SubscriberInput(customerId, screenName), ct);
            if (created.IsSuccess)
            {
                userId = created.Value.User.Id;
            }
            else if (created.Error!.Code == ErrorCode.Conflict)
            {
                // Made meanwhile by the site (or a second click): sign that one up.
                var found = await FindUserAsync(Principal.System, accountId, customerId, ct);
                if (!found.IsSuccess)
                {
                    return found.Error!;
                }

                userId = found.Value;
            }
            else
            {
                return created.Error;
            }
        }

        var plan = page.Value.Plan.Number.ToString(CultureInfo.InvariantCulture);
        return await subscriptions.SignUpAsync(Principal.System, userId.Value, plan, ct);
    }

    private static bool SameToken(string given, string actual) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(actual));
}
