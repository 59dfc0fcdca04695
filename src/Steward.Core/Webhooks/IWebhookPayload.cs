using Steward.Core.Events;

namespace Steward.Core.Webhooks;

/// <summary>
/// The body of a delivery: the event exactly as the event log shows it on the native API. The server
/// supplies it (from its wire record), so a webhook and <c>GET /api/v1/events</c> cannot drift apart.
/// </summary>
public interface IWebhookPayload
{
    byte[] Render(EventRecord e);
}
