using System.CommandLine;
using Steward.Core.Access;

namespace Steward.Cli.Commands;

/// <summary><c>steward token</c>: an access token for a credential, minted here or asked of a server.</summary>
internal static class TokenCommand
{
    public static Command Create(CliContext cli)
    {
        var remote = new Remote();
        var json = new Option<bool>("--json") { Description = "Print {\"access_token\", \"token_type\", \"expires_in\"} as JSON." };
        var command = new Command("token",
            "Mint an access token for a credential. Without --url it is signed here with the configured master key "
            + "(valid on servers that share it); with --url it is asked of the server's /oauth/token. Prints the token alone.")
        {
            remote.ApiKey,
            remote.ApiSecret,
            remote.Url,
            json,
        };
        command.SetAction(async (parse, ct) =>
        {
            var (key, secret) = remote.Credential(cli, parse);
            string token;
            int expiresIn;
            if (parse.GetValue(remote.Url) is { } url)
            {
                using var http = cli.HttpClientFor(url);
                var grant = await Remote.TokenAsync(http, key, secret, ct);
                (token, expiresIn) = (grant.AccessToken, grant.ExpiresIn);
            }
            else
            {
                await using var steward = await cli.OpenAsync(parse, ct, requireMasterKey: true);
                var issued = await steward.Get<TokenService>().IssueForKeyAsync(key, secret, ct);
                if (!issued.IsSuccess)
                {
                    throw CliException.From(issued.Error!);
                }

                token = issued.Value.AccessToken;
                expiresIn = (int)Math.Max(0, (issued.Value.ExpiresAt - steward.Get<TimeProvider>().GetUtcNow()).TotalSeconds);
            }

            if (parse.GetValue(json))
            {
                CliJson.Write(cli.Console.Out, new { access_token = token, token_type = "Bearer", expires_in = expiresIn });
            }
            else
            {
                cli.Console.Out.WriteLine(token);
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
