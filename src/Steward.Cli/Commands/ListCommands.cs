using System.CommandLine;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Rendering;
using Steward.Core.Identity;
using Steward.Core.Ids;
using Steward.Core.Storage;
using Steward.Core.Tenancy;

namespace Steward.Cli.Commands;

/// <summary>
/// <c>steward accounts|organisations|users list|show</c>: tables for people, <c>--json</c> for scripts,
/// read from the database (every tenant: the operator's view) or from a server with <c>--url</c>.
/// </summary>
internal static class ListCommands
{
    public static IEnumerable<Command> Create(CliContext cli)
    {
        yield return Group(cli, new Listing<AccountView>(
            "accounts", "account", Account.IdPrefix, "/api/v1/accounts", ["id", "number", "name", "email", "created_at"],
            ViewQueries.AccountsAsync, ViewQueries.AccountAsync, AccountFilter: false, OrganisationFilter: false));
        yield return Group(cli, new Listing<OrganisationView>(
            "organisations", "organisation", Organisation.IdPrefix, "/api/v1/organisations", ["id", "account_id", "name", "domain_name", "created_at"],
            ViewQueries.OrganisationsAsync, ViewQueries.OrganisationAsync, AccountFilter: true, OrganisationFilter: false));
        yield return Group(cli, new Listing<UserView>(
            "users", "user", User.IdPrefix, "/api/v1/users", ["id", "account_id", "organisation_id", "username", "email", "created_at"],
            ViewQueries.UsersAsync, ViewQueries.UserAsync, AccountFilter: true, OrganisationFilter: true));
    }

    private static Command Group<T>(CliContext cli, Listing<T> listing) where T : class
    {
        var group = new Command(listing.Plural, $"List or show {listing.Plural}.");
        group.Subcommands.Add(ListCommand(cli, listing));
        group.Subcommands.Add(ShowCommand(cli, listing));
        return group;
    }

    private static Command ListCommand<T>(CliContext cli, Listing<T> listing) where T : class
    {
        var remote = new Remote();
        var json = new Option<bool>("--json") { Description = "Print {\"items\": [...], \"next_cursor\": ...} as the native API does." };
        var limit = new Option<int?>("--limit") { Description = $"At most this many (1 to {Paging.MaxLimit}; default {Paging.DefaultLimit})." };
        var all = new Option<bool>("--all") { Description = "Every one, page after page." };
        var cursor = new Option<string?>("--cursor") { Description = "Continue after a previous page (its next_cursor)." };
        var account = new Option<string?>("--account") { Description = "Only those of this account (acct-…); database only." };
        var organisation = new Option<string?>("--organisation") { Description = "Only those homed in this organisation (org-…)." };
        var command = new Command("list", $"List {listing.Plural}, oldest first.") { json, limit, all, cursor, remote.Url, remote.Token, remote.ApiKey, remote.ApiSecret };
        if (listing.AccountFilter)
        {
            command.Options.Add(account);
        }

        if (listing.OrganisationFilter)
        {
            command.Options.Add(organisation);
        }

        command.SetAction(async (parse, ct) =>
        {
            var everything = parse.GetValue(all);
            if (everything && (parse.GetValue(limit) is not null || parse.GetValue(cursor) is not null))
            {
                throw new CliException(ExitCodes.Usage, "--all reads every page; it takes no --limit or --cursor.");
            }

            var pageSize = everything ? Paging.MaxLimit : parse.GetValue(limit);
            var next = parse.GetValue(cursor);
            if (Paging.Parse(pageSize, next) is { IsSuccess: false } bad)
            {
                throw CliException.From(bad.Error!);
            }

            var filter = new ListFilter(IdOrNotFound<Account>(parse.GetValue(account)), IdOrNotFound<Organisation>(parse.GetValue(organisation)));
            var items = new List<T>();
            if (parse.GetValue(remote.Url) is { } url)
            {
                if (filter.Account is not null)
                {
                    throw new CliException(ExitCodes.Usage, "--account reads the database; with --url the token decides which tenant is listed.");
                }

                using var http = cli.HttpClientFor(url);
                var bearer = await remote.BearerAsync(cli, parse, http, ct);
                do
                {
                    var path = listing.ApiPath + Query(("limit", pageSize?.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("cursor", next), ("organisation_id", parse.GetValue(organisation)));
                    var page = await Remote.GetAsync<ItemPage<T>>(http, bearer, path, ct);
                    items.AddRange(page.Items);
                    next = page.NextCursor;
                }
                while (everything && next is not null);
            }
            else
            {
                await using var steward = await cli.OpenAsync(parse, ct);
                await using var db = await steward.DbAsync(ct);
                do
                {
                    var paging = Paging.Parse(pageSize, next).Value;
                    var page = await listing.List(db, filter, paging.Limit, paging.After, ct);
                    items.AddRange(page.Items);
                    next = page.NextCursor;
                }
                while (everything && next is not null);
            }

            if (parse.GetValue(json))
            {
                CliJson.Write(cli.Console.Out, new ItemPage<T>(items, next));
                return ExitCodes.Ok;
            }

            var table = new Table().Border(TableBorder.Simple);
            foreach (var column in listing.Columns)
            {
                // Ids and times are read whole or not at all: the free-text columns give way instead.
                var cell = new TableColumn(new Text(column));
                table.AddColumn(column is "id" or "number" or "created_at" || column.EndsWith("_id", StringComparison.Ordinal) ? cell.NoWrap() : cell);
            }

            foreach (var item in items)
            {
                var fields = JsonSerializer.SerializeToElement(item, CliJson.Options);
                table.AddRow(listing.Columns.Select(c => (IRenderable)new Text(Cell(fields.GetProperty(c)))).ToArray());
            }

            cli.Console.Results.Write(table);
            var counted = $"{items.Count} {(items.Count == 1 ? listing.Singular : listing.Plural)}";
            cli.Console.Message(next is null ? counted + "." : $"{counted} shown; more with --cursor {next} (or --all).");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command ShowCommand<T>(CliContext cli, Listing<T> listing) where T : class
    {
        var remote = new Remote();
        var json = new Option<bool>("--json") { Description = "Print it as the native API does." };
        var id = new Argument<string>("id") { Description = $"Its id ({listing.IdPrefix}-…)." };
        var command = new Command("show", $"Show one of the {listing.Plural}; exit code 3 if there is none.") { id, json, remote.Url, remote.Token, remote.ApiKey, remote.ApiSecret };
        command.SetAction(async (parse, ct) =>
        {
            var text = parse.GetValue(id)!;
            T? found;
            if (parse.GetValue(remote.Url) is { } url)
            {
                using var http = cli.HttpClientFor(url);
                var bearer = await remote.BearerAsync(cli, parse, http, ct);
                found = await Remote.GetAsync<T>(http, bearer, listing.ApiPath + "/" + Uri.EscapeDataString(text), ct);
            }
            else
            {
                // A malformed id is answered like an unknown one, as the API does.
                await using var steward = await cli.OpenAsync(parse, ct);
                await using var db = await steward.DbAsync(ct);
                found = PublicId.TryParse(listing.IdPrefix, text, out var guid) ? await listing.Find(db, guid, ct) : null;
            }

            if (found is null)
            {
                throw new CliException(ExitCodes.NotFound, $"There is no {listing.Singular} {text}.");
            }

            if (parse.GetValue(json))
            {
                CliJson.Write(cli.Console.Out, found);
                return ExitCodes.Ok;
            }

            var table = new Table().Border(TableBorder.Simple).AddColumn("field").AddColumn("value");
            foreach (var field in JsonSerializer.SerializeToElement(found, CliJson.Options).EnumerateObject())
            {
                table.AddRow(new Text(field.Name), new Text(Cell(field.Value)));
            }

            cli.Console.Results.Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Guid? IdOrNotFound<TEntity>(string? text) where TEntity : IPublicEntity =>
        text is null ? null
            : PublicId.TryParse<TEntity>(text, out var id) ? id
            : throw new CliException(ExitCodes.NotFound, $"There is no {typeof(TEntity).Name.ToLowerInvariant()} {text}.");

    /// <summary>A value for a person: times to the second in UTC (the JSON has them in full).</summary>
    private static string Cell(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => "",
        JsonValueKind.String when value.TryGetDateTimeOffset(out var time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
        JsonValueKind.String => value.GetString()!,
        _ => value.GetRawText(),
    };

    private static string Query(params ReadOnlySpan<(string Name, string? Value)> parameters)
    {
        var parts = new List<string>();
        foreach (var (name, value) in parameters)
        {
            if (value is not null)
            {
                parts.Add(name + "=" + Uri.EscapeDataString(value));
            }
        }

        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }

    private sealed record Listing<T>(
        string Plural,
        string Singular,
        string IdPrefix,
        string ApiPath,
        string[] Columns,
        Func<StewardDb, ListFilter, int, Guid?, CancellationToken, Task<ItemPage<T>>> List,
        Func<StewardDb, Guid, CancellationToken, Task<T?>> Find,
        bool AccountFilter,
        bool OrganisationFilter);
}
