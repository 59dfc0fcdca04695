using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Steward.Core.Access;
using Steward.Core.Results;
using Steward.Core.Storage;

namespace Steward.Core.Catalog;

/// <summary>A fee as a site sends it: a name, what it is for, the group it is shown under, an amount above 0.</summary>
public sealed record FeeInput(string? Name, string? Description, string? Group, decimal? Amount, string? CurrencyCode = null);

/// <summary>What a sign-up did: the subscription as it now stands, and the invoice pending payment when the plan is paid.</summary>
public sealed record SignUpOutcome(SubscriptionView Subscription, SubscriberInvoice? PendingInvoice);

// What a subscriber owes: fees added by the site, and the first period of a paid plan asked for on the
// sign-up page. Steward takes no card payments, so these stay open invoices until the site's own billing
// settles them. Both run in ActAsync's frame, so time has acted on the subscription before the rules look.
public sealed partial class SubscriptionService
{
    /// <summary>
    /// Adds a fee to the subscriber's open fees invoice (opening one), owed with the next renewal: only an
    /// active, recurring subscription takes fees.
    /// </summary>
    public Task<Result<SubscriptionView>> AddFeeAsync(Principal p, Guid userId, FeeInput input, CancellationToken ct = default)
    {
        var v = new Validator();
        var name = v.Required("name", input.Name, Limits.Name);
        var description = v.Optional("description", input.Description, Limits.Description);
        var group = v.Optional("group", input.Group, Limits.ShortText);
        if (input.Amount is null)
        {
            v.Add("amount", FieldRule.Required, "amount is required.");
        }
        else if (input.Amount <= 0)
        {
            v.Add("amount", FieldRule.OutOfRange, "amount must be greater than 0.", new Dictionary<string, object> { ["min"] = 0m });
        }

        var amount = PlanRules.Money(v, "amount", input.Amount);
        var currency = PlanRules.Currency(v, "currency_code", input.CurrencyCode);
        if (!v.IsValid)
        {
            return Task.FromResult(Result<SubscriptionView>.Fail(v.ToError()));
        }

        SubscriberInvoice? invoice = null;
        return ActAsync(p, userId, null, async c =>
        {
            if (!c.S.IsActive)
            {
                return Error.Refused(CatalogReasons.SubscriberInactive, "Fees can only be added to active subscribers.");
            }

            if (!c.S.Recurring)
            {
                return Error.Refused(CatalogReasons.NotRecurring, "Fees can only be added to recurring subscribers: they are owed with the next renewal.");
            }

            var code = currency ?? c.Version?.CurrencyCode ?? PlanRules.DefaultCurrency;
            invoice = await OpenInvoiceAsync(c, InvoiceKind.Fees, code, null, null);
            if (invoice.CurrencyCode != code)
            {
                return Error.Invalid("currency_code", FieldRule.Invalid, $"The subscriber's open fees are in {invoice.CurrencyCode}; add fees in that currency.");
            }

            AddLine(c, invoice, amount!.Value, name, description, group);
            return null;
        }, s => SubscriptionEvent.Of<SubscriptionFeeAdded>(s) with
        {
            InvoiceToken = invoice!.Token,
            Name = name,
            Group = group,
            Amount = amount!.Value,
            CurrencyCode = invoice.CurrencyCode,
        }, ct);
    }

    /// <summary>
    /// A subscriber's own sign-up to a plan (the sign-up page): a free-trial plan starts the free trial; a
    /// regular plan that is free, or whose trial days the subscriber may still use, starts at once; a paid
    /// plan is recorded as an open invoice for its first period (and setup fee), pending payment, and the
    /// subscription is unchanged. Asking again for the same plan answers the same open invoice.
    /// </summary>
    public async Task<Result<SignUpOutcome>> SignUpAsync(Principal p, Guid userId, string? planId, CancellationToken ct = default)
    {
        var key = PlanKey(planId);
        if (!key.IsSuccess)
        {
            return key.Error!;
        }

        SubscriberInvoice? pending = null;
        long requested = 0;
        var started = SignUpStart.Subscribed;
        var done = await ActAsync(p, userId, null, async c =>
        {
            var found = await c.FindPlanAsync(key.Value);
            if (!found.IsSuccess)
            {
                return found.Error;
            }

            var (plan, version) = found.Value;
            requested = plan.Number;
            if (version.PlanType == PlanType.FreeTrial)
            {
                started = SignUpStart.Trial;
                return BeginFreeTrial(c, plan, version);
            }

            if (!plan.Enabled)
            {
                return PlanDisabled();
            }

            if (c.S.IsActive)
            {
                return Error.Refused(CatalogReasons.AlreadySubscribed, "The subscriber already has an active subscription.");
            }

            if (version.Price == 0 || (version.TrialDays > 0 && c.S.EligibleForFreeTrial))
            {
                BeginPlan(c, plan, version, recurring: true);
                return null;
            }

            started = SignUpStart.Pending;
            pending = await PendingInvoiceAsync(c, plan, version);
            return null;
        }, s => started switch
        {
            SignUpStart.Trial => SubscriptionEvent.Of<SubscriptionTrialStarted>(s),
            SignUpStart.Pending => SubscriptionEvent.Of<SubscriptionPaymentPending>(s) with
            {
                InvoiceToken = pending!.Token,
                RequestedPlanId = requested,
                Amount = pending.Amount,
                CurrencyCode = pending.CurrencyCode,
            },
            _ => SubscriptionEvent.Of<SubscriptionSubscribed>(s),
        }, ct);
        return done.IsSuccess ? new SignUpOutcome(done.Value, pending) : done.Error!;
    }

    /// <summary>How money is shown to people: <c>$24.00</c>, <c>€9.50</c>, <c>12.00 CHF</c>.</summary>
    public static string PriceText(decimal amount, string currencyCode)
    {
        var sign = amount < 0 ? "-" : "";
        var digits = Math.Abs(amount).ToString("0.00", CultureInfo.InvariantCulture);
        return currencyCode switch
        {
            "USD" => $"{sign}${digits}",
            "EUR" => $"{sign}€{digits}",
            "GBP" => $"{sign}£{digits}",
            _ => $"{sign}{digits} {currencyCode}",
        };
    }

    private enum SignUpStart
    {
        Subscribed,
        Trial,
        Pending,
    }

    /// <summary>The open sign-up invoice for this plan version, or a new one (an older open one for another plan is given up).</summary>
    private static async Task<SubscriberInvoice> PendingInvoiceAsync(Change c, Plan plan, PlanVersion version)
    {
        var open = await c.Db.SubscriberInvoices.Include(i => i.Lines)
            .FirstOrDefaultAsync(i => i.UserId == c.S.UserId && i.Kind == InvoiceKind.SignUp && !i.Closed);
        if (open is not null && open.PlanVersionId == version.Id)
        {
            return open;
        }

        if (open is not null)
        {
            open.Closed = true;
            open.UpdatedAt = c.Now;
            open.Version++;
        }

        var invoice = await OpenInvoiceAsync(c, InvoiceKind.SignUp, version.CurrencyCode, plan, version);
        var terms = version.Terms;
        var period = PlanTerms.Words(terms.DurationQuantity, terms.DurationUnits);
        AddLine(c, invoice, version.Price, "Initial " + period,
            $"Subsequent Time Periods are {PriceText(version.Price, version.CurrencyCode)} every {period}", null);
        if (version.SetupFeeAmount is > 0 && (version.SetupFeeCurrencyCode ?? version.CurrencyCode) == version.CurrencyCode)
        {
            AddLine(c, invoice, version.SetupFeeAmount.Value, version.SetupFeeDescription ?? "Setup fee", null, null);
        }

        return invoice;
    }

    /// <summary>The subscriber's open invoice of a kind, tracked, or a new one added to the change (always new for a plan version).</summary>
    private static async Task<SubscriberInvoice> OpenInvoiceAsync(Change c, InvoiceKind kind, string currency, Plan? plan, PlanVersion? version)
    {
        if (version is null)
        {
            var open = await c.Db.SubscriberInvoices.FirstOrDefaultAsync(i => i.UserId == c.S.UserId && i.Kind == kind && !i.Closed);
            if (open is not null)
            {
                return open;
            }
        }

        var invoice = new SubscriberInvoice
        {
            Id = Ids.PublicId.NewGuid(c.Now),
            AccountId = c.S.AccountId,
            UserId = c.S.UserId,
            Token = SubscriberRules.NewToken(),
            Kind = kind,
            CurrencyCode = currency,
            PlanNumber = plan?.Number,
            PlanVersionId = version?.Id,
            CreatedAt = c.Now,
            UpdatedAt = c.Now,
        };
        c.Db.SubscriberInvoices.Add(invoice);
        return invoice;
    }

    private static void AddLine(Change c, SubscriberInvoice invoice, decimal amount, string description, string? notes, string? group)
    {
        var line = new SubscriberInvoiceLine
        {
            InvoiceId = invoice.Id,
            AccountId = invoice.AccountId,
            Amount = amount,
            CurrencyCode = invoice.CurrencyCode,
            Description = description,
            Notes = notes,
            Group = group,
            CreatedAt = c.Now,
        };
        invoice.Lines.Add(line);
        invoice.Amount += amount;
        invoice.UpdatedAt = c.Now;
        invoice.Version++;
    }
}
