using System.Net;
using Steward.Functional.Infrastructure;

namespace Steward.Functional.Spreedly;

/// <summary>
/// Each class of bad input answers a 4xx in the face's style with a reason, never a 500, and writes
/// nothing: malformed XML (pyspreedly's own mismatched closing tag among it), DTDs and entities, wrong
/// types, non-numeric customer ids, bodies over 64 KiB. Element names with dashes or underscores are read
/// alike, unknown elements are ignored, and an empty body is taken where the contract allows one.
/// </summary>
public sealed class SpreedlyBadInputTests(StewardFactory factory) : IClassFixture<StewardFactory>
{
    [StewardFact]
    public async Task Pyspreedlys_mismatched_closing_tag_is_refused_with_400_and_gives_nothing()
    {
        var site = await factory.NewSiteAsync();
        var id = SpreedlyKit.NewCustomerId();
        await site.CreateRawAsync(id);

        // Verbatim what pyspreedly sends for a pro-rated complimentary subscription.
        const string Body = "<complimentary_subscription><duration_quantity>2</duration_quantity><duration_units>months</duration_units>"
            + "<feature_level>Pro</feature_level><start-time>2013-01-02T03:04:05Z</start_time> <amount>10.0</amount></complimentary_subscription>";
        using var response = await site.SendAsync(HttpMethod.Post, $"subscribers/{id}/complimentary_subscriptions.xml", Body);
        var body = await response.ExpectXmlAsync(HttpStatusCode.BadRequest);
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<errors>\n  <error>The body is not well-formed XML: ", body, StringComparison.Ordinal);
        Assert.False((await site.Client.GetInfoAsync(id)).Active);
    }

    [StewardTheory]
    [InlineData("<subscriber><customer-id>1</customer-id>")]
    [InlineData("<subscriber><customer-id>1</customer-id></subscribr>")]
    [InlineData("not xml at all")]
    [InlineData("{\"subscriber\": {\"customer_id\": 1}}")]
    [InlineData("<subscriber><customer-id>1</customer-id></subscriber><subscriber/>")]
    [InlineData("<a><b><c><d><e><f><g><h><i><j><k><l><m><n><o><p><q><r><s>1</s></r></q></p></o></n></m></l></k></j></i></h></g></f></e></d></c></b></a>")]
    public async Task Malformed_xml_is_400_in_the_errors_shape(string xml)
    {
        var site = await factory.NewSiteAsync();
        using var response = await site.SendAsync(HttpMethod.Post, "subscribers.xml", xml);
        var body = await response.ExpectXmlAsync(HttpStatusCode.BadRequest);
        Assert.Contains("<error>The body is not well-formed XML: ", body, StringComparison.Ordinal);
        Assert.Empty(await site.Client.GetSubscribersAsync());
    }

    [StewardTheory]
    [InlineData("<!DOCTYPE subscriber [<!ENTITY id \"42\">]><subscriber><customer-id>&id;</customer-id></subscriber>")]
    [InlineData("<!DOCTYPE subscriber [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><subscriber><customer-id>1</customer-id><screen-name>&xxe;</screen-name></subscriber>")]
    [InlineData("<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\"><!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]><subscriber><customer-id>1</customer-id><screen-name>&lol3;</screen-name></subscriber>")]
    [InlineData("<subscriber><customer-id>1</customer-id><screen-name>&undefined;</screen-name></subscriber>")]
    public async Task Dtds_and_entities_are_refused_unread(string xml)
    {
        var site = await factory.NewSiteAsync();
        using var response = await site.SendAsync(HttpMethod.Post, "subscribers.xml", xml);
        await response.ExpectXmlAsync(HttpStatusCode.BadRequest);
        Assert.Empty(await site.Client.GetSubscribersAsync());
    }

    [StewardFact]
    public async Task A_body_over_64_KiB_is_413()
    {
        var site = await factory.NewSiteAsync();
        var huge = "<subscriber><customer-id>1</customer-id><screen-name>" + new string('x', 70 * 1024) + "</screen-name></subscriber>";
        using var response = await site.SendAsync(HttpMethod.Post, "subscribers.xml", huge);
        await response.ExpectTextAsync(HttpStatusCode.RequestEntityTooLarge, "The body is too large: send at most 64 KiB.");
        Assert.Empty(await site.Client.GetSubscribersAsync());
    }

    [StewardFact]
    public async Task Customer_ids_are_numbers()
    {
        var site = await factory.NewSiteAsync();
        using (var create = await site.SendAsync(HttpMethod.Post, "subscribers.xml", "<subscriber><customer-id>abc</customer-id><screen-name>x</screen-name></subscriber>"))
        {
            await create.ExpectErrorsAsync(HttpStatusCode.UnprocessableEntity, "Customer id must be a number of at most 18 digits");
        }

        using (var blank = await site.SendAsync(HttpMethod.Post, "subscribers.xml", "<subscriber><screen-name>x</screen-name></subscriber>"))
        {
            await blank.ExpectErrorsAsync(HttpStatusCode.UnprocessableEntity, "Customer id can't be blank");
        }

        using (var empty = await site.SendAsync(HttpMethod.Post, "subscribers.xml", ""))
        {
            await empty.ExpectErrorsAsync(HttpStatusCode.UnprocessableEntity, "Customer id can't be blank");
        }

        foreach (var path in new[] { "subscribers/abc.xml", "subscribers/-1.xml", "subscribers/1234567890123456789.xml", "subscribers/abc/allow_free_trial.xml" })
        {
            using var response = await site.SendAsync(path.EndsWith("trial.xml", StringComparison.Ordinal) ? HttpMethod.Post : HttpMethod.Get, path);
            var id = path.Split('/')[1].Replace(".xml", "", StringComparison.Ordinal);
            await response.ExpectTextAsync(HttpStatusCode.NotFound, $"There is no subscriber with a customer id of {id}");
        }

        using var newId = await site.SendAsync(HttpMethod.Put, $"subscribers/{await NewAsync(site)}.xml", "<subscriber><new-customer-id>x1</new-customer-id></subscriber>");
        await newId.ExpectErrorsAsync(HttpStatusCode.UnprocessableEntity, "New customer id must be a number of at most 18 digits");
    }

    [StewardFact]
    public async Task Wrong_element_types_are_422_and_change_nothing()
    {
        var site = await factory.NewSiteAsync();
        var id = await NewAsync(site);
        using (var credit = await site.SendAsync(HttpMethod.Post, $"subscribers/{id}/credits.xml", "<credit><amount>ten</amount></credit>"))
        {
            await credit.ExpectErrorsAsync(HttpStatusCode.UnprocessableEntity, "Amount is not a number");
        }

        using (var fee = await site.SendAsync(HttpMethod.Post, $"subscribers/{id}/fees.xml", "<fee><name>x</name><amount>1e3</amount></fee>"))
        {
            await fee.ExpectErrorsAsync(HttpStatusCode.UnprocessableEntity, "Amount is not a number");
        }

        using (var comp = await site.SendAsync(HttpMethod.Post, $"subscribers/{id}/complimentary_subscriptions.xml",
            "<complimentary_subscription><duration_quantity>1.5</duration_quantity><duration_units>days</duration_units></complimentary_subscription>"))
        {
            await comp.ExpectTextAsync(HttpStatusCode.UnprocessableEntity, "Duration quantity is not a number");
        }

        using (var plan = await site.SendAsync(HttpMethod.Post, $"subscribers/{id}/subscribe_to_free_trial.xml", "<subscription_plan><id>standard</id></subscription_plan>"))
        {
            await plan.ExpectTextAsync(HttpStatusCode.NotFound, "There is no subscription plan with an ID of standard for the site you're accessing");
        }

        using (var email = await site.SendAsync(HttpMethod.Put, $"subscribers/{id}.xml", "<subscriber><email>not-an-email</email><screen-name>changed</screen-name></subscriber>"))
        {
            await email.ExpectErrorsAsync(HttpStatusCode.UnprocessableEntity, "Email must be an email address such as name@example.com");
        }

        var info = await site.Client.GetInfoAsync(id);
        Assert.Equal("jack", info.ScreenName);
        Assert.Equal(0m, info.StoreCredit);
        Assert.False(info.Active);
    }

    [StewardFact]
    public async Task Dashes_and_underscores_alike_unknown_elements_ignored_empty_bodies_where_allowed()
    {
        var site = await factory.NewSiteAsync();
        var (trial, _) = await site.NewTrialPlanAsync();
        var a = SpreedlyKit.NewCustomerId();
        var b = a + 1;
        using (var dashed = await site.SendAsync(HttpMethod.Post, "subscribers.xml",
            $"<subscriber><customer-id>{a}</customer-id><screen-name>dash</screen-name><favourite-colour>blue</favourite-colour><nested><x>1</x></nested></subscriber>"))
        {
            await dashed.ExpectXmlAsync(HttpStatusCode.Created);
        }

        using (var underscored = await site.SendAsync(HttpMethod.Post, "subscribers.xml",
            $"<subscriber><customer_id>{b}</customer_id><screen_name>under</screen_name><email>u@example.com</email></subscriber>", contentType: "text/xml"))
        {
            var body = await underscored.ExpectXmlAsync(HttpStatusCode.Created);
            Assert.Contains("  <email>u@example.com</email>\n", body, StringComparison.Ordinal);
        }

        Assert.Equal(["dash", "under"], (await site.Client.GetSubscribersAsync()).Select(s => s.ScreenName));

        using (var dashPlan = await site.SendAsync(HttpMethod.Post, $"subscribers/{a}/subscribe_to_free_trial.xml", $"<subscription-plan><id>{trial}</id></subscription-plan>"))
        {
            await dashPlan.ExpectXmlAsync(HttpStatusCode.OK);
        }

        foreach (var call in new[] { "allow_free_trial.xml", "stop_auto_renew.xml" })
        {
            using var empty = await site.SendAsync(HttpMethod.Post, $"subscribers/{b}/{call}", "");
            Assert.True(empty.IsSuccessStatusCode, $"{call}: {(int)empty.StatusCode}");
        }

        using var dashedComp = await site.SendAsync(HttpMethod.Post, $"subscribers/{b}/complimentary-subscriptions.xml", "<complimentary-subscription/>");
        Assert.Equal(HttpStatusCode.NotFound, dashedComp.StatusCode);
        using var comp = await site.SendAsync(HttpMethod.Post, $"subscribers/{b}/complimentary_subscriptions.xml",
            "<complimentary-subscription><duration-quantity>3</duration-quantity><duration-units>days</duration-units><feature-level>Pro</feature-level></complimentary-subscription>");
        var given = await comp.ExpectXmlAsync(HttpStatusCode.Created);
        Assert.Contains("  <feature-level type=\"string\">Pro</feature-level>\n", given, StringComparison.Ordinal);
    }

    private static async Task<long> NewAsync(SpreedlySite site)
    {
        var id = SpreedlyKit.NewCustomerId();
        await site.CreateRawAsync(id);
        return id;
    }
}
