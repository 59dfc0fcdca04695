using System.Net;
using Steward.Functional.Infrastructure;

namespace Steward.Functional.Spreedly;

/// <summary>
/// The literal bytes of the Spreedly face (docs/spreedly.md): element names, <c>type</c> attributes,
/// <c>nil="true"</c>, the time format, status codes and the exact texts clients match.
/// </summary>
public sealed class SpreedlyWireTests(StewardFactory factory) : IClassFixture<StewardFactory>
{
    [StewardFact]
    public async Task Create_answers_201_with_Location_and_the_subscriber_exactly_as_Spreedly_wrote_it()
    {
        var site = await factory.NewSiteAsync();
        var id = SpreedlyKit.NewCustomerId();
        using var response = await site.SendAsync(HttpMethod.Post, "subscribers.xml",
            $"<subscriber><customer-id>{id}</customer-id><screen-name>freddy</screen-name></subscriber>");
        var body = await response.ExpectXmlAsync(HttpStatusCode.Created);
        Assert.Equal(new Uri($"http://localhost/api/v4/{site.Slug}/subscribers/{id}.xml"), response.Headers.Location);

        var created = SpreedlyKit.Value(body, "created-at");
        var token = SpreedlyKit.Value(body, "token");
        Assert.Matches(SpreedlyKit.TimeFormat(), created);
        Assert.Matches("^[0-9a-f]{40}$", token);
        var expected = $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <subscriber>
              <active-until type="datetime" nil="true"></active-until>
              <billing-first-name nil="true"></billing-first-name>
              <billing-last-name nil="true"></billing-last-name>
              <created-at type="datetime">{created}</created-at>
              <customer-id>{id}</customer-id>
              <eligible-for-free-trial type="boolean">true</eligible-for-free-trial>
              <email nil="true"></email>
              <grace-until type="datetime" nil="true"></grace-until>
              <lifetime-subscription type="boolean">false</lifetime-subscription>
              <ready-to-renew type="boolean">false</ready-to-renew>
              <screen-name>freddy</screen-name>
              <store-credit type="decimal">0.0</store-credit>
              <store-credit-currency-code>USD</store-credit-currency-code>
              <token>{token}</token>
              <updated-at type="datetime">{created}</updated-at>
              <recurring type="boolean">false</recurring>
              <card-expires-before-next-auto-renew type="boolean">false</card-expires-before-next-auto-renew>
              <subscription-plan-name></subscription-plan-name>
              <active type="boolean">false</active>
              <in-grace-period type="boolean">false</in-grace-period>
              <on-trial type="boolean">false</on-trial>
              <feature-level type="string"></feature-level>
              <pagination-id type="integer">1</pagination-id>
              <on-gift type="boolean">false</on-gift>
              <on-metered type="boolean">false</on-metered>
              <eligible-for-setup-fee type="boolean">true</eligible-for-setup-fee>
              <ready-to-renew-since type="datetime" nil="true"></ready-to-renew-since>
              <payment-account-on-file type="boolean">false</payment-account-on-file>
              <payment-account-display nil="true"></payment-account-display>
              <billing-address1 nil="true"></billing-address1>
              <billing-city nil="true"></billing-city>
              <billing-state nil="true"></billing-state>
              <billing-zip nil="true"></billing-zip>
              <billing-country nil="true"></billing-country>
              <billing-phone-number nil="true"></billing-phone-number>
            </subscriber>

            """;
        Assert.Equal(expected, body);
        Assert.Equal(SpreedlyKit.SubscriberFields.Order(), SpreedlyKit.ChildNames(body, "subscriber").Order());
    }

    [StewardFact]
    public async Task A_single_read_adds_invoices_and_lists_carry_type_array()
    {
        var site = await factory.NewSiteAsync();
        var id = SpreedlyKit.NewCustomerId();
        await site.CreateRawAsync(id);

        using var one = await site.SendAsync(HttpMethod.Get, $"subscribers/{id}.xml");
        var body = await one.ExpectXmlAsync(HttpStatusCode.OK);
        Assert.Equal(SpreedlyKit.SubscriberFields.Append("invoices").Order(), SpreedlyKit.ChildNames(body, "subscriber").Order());
        Assert.EndsWith("  <invoices type=\"array\"/>\n</subscriber>\n", body, StringComparison.Ordinal);

        using var list = await site.SendAsync(HttpMethod.Get, "subscribers.xml");
        var listed = await list.ExpectXmlAsync(HttpStatusCode.OK);
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<subscribers type=\"array\">\n  <subscriber>\n    <active-until type=\"datetime\" nil=\"true\"></active-until>\n", listed, StringComparison.Ordinal);
        Assert.DoesNotContain("<invoices", listed, StringComparison.Ordinal);
    }

    [StewardFact]
    public async Task Empty_lists_are_nil_classes()
    {
        var site = await factory.NewSiteAsync();
        foreach (var path in new[] { "subscribers.xml", "subscription_plans.xml" })
        {
            using var response = await site.SendAsync(HttpMethod.Get, path);
            Assert.Equal("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<nil-classes type=\"array\"/>\n", await response.ExpectXmlAsync(HttpStatusCode.OK));
        }
    }

    [StewardFact]
    public async Task Plans_carry_their_26_fields_with_their_types()
    {
        var site = await factory.NewSiteAsync();
        var (planId, native) = await site.NewPaidPlanAsync(new() { ["description"] = null, ["setup_fee"] = new { amount = "5", description = "Set-up" } });
        using var response = await site.SendAsync(HttpMethod.Get, "subscription_plans.xml");
        var body = await response.ExpectXmlAsync(HttpStatusCode.OK);
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<subscription-plans type=\"array\">\n  <subscription-plan>\n", body, StringComparison.Ordinal);
        Assert.Equal(SpreedlyKit.PlanFields.Order(), SpreedlyKit.ChildNames(body, "subscription-plan").Order());

        var created = SpreedlyKit.Value(body, "created-at");
        Assert.Matches(SpreedlyKit.TimeFormat(), created);
        foreach (var element in new[]
        {
            "<amount type=\"decimal\">24.0</amount>",
            "<price type=\"decimal\">24.0</price>",
            "<charge-after-first-period type=\"boolean\">true</charge-after-first-period>",
            "<charge-later-duration-quantity type=\"integer\">1</charge-later-duration-quantity>",
            "<charge-later-duration-units>months</charge-later-duration-units>",
            "<currency-code>USD</currency-code>",
            "<description nil=\"true\"></description>",
            "<duration-quantity type=\"integer\">1</duration-quantity>",
            "<duration-units>months</duration-units>",
            "<enabled type=\"boolean\">true</enabled>",
            "<feature-level>Pro</feature-level>",
            "<force-recurring type=\"boolean\">true</force-recurring>",
            $"<id type=\"integer\">{planId}</id>",
            "<name>Standard</name>",
            "<needs-to-be-renewed type=\"boolean\">true</needs-to-be-renewed>",
            "<plan-type>regular</plan-type>",
            "<return-url>https://example.com/thanks</return-url>",
            "<terms type=\"string\">1 month</terms>",
            "<version type=\"integer\">1</version>",
            "<setup-fee-amount type=\"decimal\">5.0</setup-fee-amount>",
            "<setup-fee-currency-code>USD</setup-fee-currency-code>",
            "<setup-fee-description>Set-up</setup-fee-description>",
            "<minimum-needed-for-charge type=\"decimal\">0.0</minimum-needed-for-charge>",
            $"<created-at type=\"datetime\">{created}</created-at>",
        })
        {
            Assert.Contains("    " + element + "\n", body, StringComparison.Ordinal);
        }

        Assert.Contains("    <versions type=\"array\">\n      <version>\n        <version type=\"integer\">1</version>\n", body, StringComparison.Ordinal);
        Assert.Equal(native.GetProperty("name").GetString(), SpreedlyKit.Value(body, "name"));
    }

    [StewardFact]
    public async Task A_free_trial_plan_says_so_and_has_no_later_charge()
    {
        var site = await factory.NewSiteAsync();
        await site.NewTrialPlanAsync(days: 7);
        using var response = await site.SendAsync(HttpMethod.Get, "subscription_plans.xml");
        var body = await response.ExpectXmlAsync(HttpStatusCode.OK);
        Assert.Contains("    <plan-type>free_trial</plan-type>\n", body, StringComparison.Ordinal);
        Assert.Contains("    <charge-later-duration-quantity type=\"integer\" nil=\"true\"></charge-later-duration-quantity>\n", body, StringComparison.Ordinal);
        Assert.Contains("    <force-recurring type=\"boolean\">false</force-recurring>\n", body, StringComparison.Ordinal);
        Assert.Contains("    <terms type=\"string\">7 days</terms>\n", body, StringComparison.Ordinal);
        Assert.Contains("    <price type=\"decimal\">0.0</price>\n", body, StringComparison.Ordinal);
    }

    [StewardFact]
    public async Task Refusals_carry_the_exact_texts_clients_match()
    {
        var site = await factory.NewSiteAsync();
        var id = SpreedlyKit.NewCustomerId();
        await site.CreateRawAsync(id);

        using (var again = await site.SendAsync(HttpMethod.Post, "subscribers.xml", $"<subscriber><customer-id>{id}</customer-id></subscriber>"))
        {
            await again.ExpectTextAsync(HttpStatusCode.Forbidden, $"A subscriber with a customer-id of {id} already exists.");
        }

        using (var missing = await site.SendAsync(HttpMethod.Get, "subscribers/401.xml"))
        {
            await missing.ExpectTextAsync(HttpStatusCode.NotFound, "There is no subscriber with a customer id of 401");
        }

        using (var noParams = await site.SendAsync(HttpMethod.Put, $"subscribers/{id}.xml", "<subscriber></subscriber>"))
        {
            await noParams.ExpectTextAsync(HttpStatusCode.UnprocessableEntity, "You must specify subscriber parameters");
        }

        using (var noPlan = await site.SendAsync(HttpMethod.Post, $"subscribers/{id}/subscribe_to_free_trial.xml", "<subscription_plan></subscription_plan>"))
        {
            await noPlan.ExpectTextAsync(HttpStatusCode.UnprocessableEntity, "You must specify the subscription plan id");
        }

        using (var unknownPlan = await site.SendAsync(HttpMethod.Post, $"subscribers/{id}/subscribe_to_free_trial.xml", "<subscription_plan><id>999999999</id></subscription_plan>"))
        {
            await unknownPlan.ExpectTextAsync(HttpStatusCode.NotFound, "There is no subscription plan with an ID of 999999999 for the site you're accessing");
        }

        using (var wrongToken = await site.SendAsync(HttpMethod.Get, "subscribers.xml", token: "not-the-token"))
        {
            await wrongToken.ExpectTextAsync(HttpStatusCode.Unauthorized, "HTTP Basic: Access denied.");
            Assert.Equal("Basic realm=\"Application\"", wrongToken.Headers.WwwAuthenticate.ToString());
        }

        using var anonymous = await site.Http.GetAsync(new Uri($"/api/v4/{site.Slug}/subscribers.xml", UriKind.Relative));
        await anonymous.ExpectTextAsync(HttpStatusCode.Unauthorized, "HTTP Basic: Access denied.");
    }

    [StewardFact]
    public async Task Unknown_paths_and_methods_answer_in_the_faces_own_words()
    {
        var site = await factory.NewSiteAsync();
        using (var unknown = await site.SendAsync(HttpMethod.Get, "nothing_here.xml"))
        {
            await unknown.ExpectTextAsync(HttpStatusCode.NotFound, $"/api/v4/{site.Slug}/nothing_here.xml is not a call of the Spreedly API.");
        }

        using var wrongMethod = await site.SendAsync(HttpMethod.Patch, "subscribers.xml", "<subscriber/>");
        await wrongMethod.ExpectTextAsync(HttpStatusCode.MethodNotAllowed, $"/api/v4/{site.Slug}/subscribers.xml does not answer PATCH.");
    }
}
