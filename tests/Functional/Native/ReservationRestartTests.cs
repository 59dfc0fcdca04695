using System.Net;
using System.Net.Http.Headers;
using Steward.Functional.Infrastructure;

namespace Steward.Functional.Native;

/// <summary>
/// An acknowledged reservation is never forgotten: the real server process is killed (SIGKILL, no
/// shutdown) right after answering, and the server started again on the same database holds its coins.
/// </summary>
public sealed class ReservationRestartTests
{
    [StewardFact]
    public async Task A_reservation_acknowledged_before_a_kill_still_holds_its_coins_after_restart()
    {
        var connection = TestDatabase.Create();
        var masterKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var data = Path.Combine(Path.GetTempPath(), "steward-tests", "restart-" + Guid.NewGuid().ToString("N"));
        try
        {
            string productId, accountToken, merchantToken;
            using (var first = await ServerProcess.StartAsync(connection, masterKey, data))
            {
                using var http = first.CreateClient();
                using var root = WithToken(first, await http.TokenAsync(StewardFactory.RootKey, StewardFactory.RootSecret));
                var account = await root.ExpectAsync(HttpMethod.Post, "/api/v1/accounts", HttpStatusCode.Created, new { name = "restart", email = "restart@example.com" });
                accountToken = await http.TokenAsync(account.Str("api_key"), account.Str("api_secret"));
                using var a = WithToken(first, accountToken);
                (_, _, productId) = await a.NewProductTreeAsync(allowance: 10);
                var merchant = await root.ExpectAsync(HttpMethod.Post, "/api/v1/merchants", HttpStatusCode.Created, new { name = "dm", kind = "DATA_MANAGER", api_hostname = "dm.example.com" });
                merchantToken = await http.TokenAsync(merchant.Str("api_key"), merchant.Str("api_secret"));
                using var dm = WithToken(first, merchantToken);

                await dm.ReserveAsync(productId, 7);
                first.Kill();
            }

            using var second = await ServerProcess.StartAsync(connection, masterKey, data);
            using var again = WithToken(second, accountToken);
            Assert.Equal(7m, (await again.GetOkAsync("/api/v1/products/" + productId)).Coins().Dec("reserved"));
            using var dmAgain = WithToken(second, merchantToken);
            await dmAgain.ExpectLimitReachedAsync(productId, 4);
            await dmAgain.ReserveAsync(productId, 3);
        }
        finally
        {
            TestDatabase.Drop(connection);
            if (Directory.Exists(data))
            {
                Directory.Delete(data, recursive: true);
            }
        }
    }

    private static HttpClient WithToken(ServerProcess server, string token)
    {
        var client = server.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
