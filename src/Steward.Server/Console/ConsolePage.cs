namespace Steward.Server.AdminConsole;

/// <summary>
/// One page of the console: its title in the navigation, its path, and the method that maps its
/// routes (list, create, actions) on the signed-in group. A new area's page is one file with a
/// <c>Map</c> method plus one line in <see cref="ConsoleApp.Pages"/>.
/// </summary>
public sealed record ConsolePage(string Title, string Path, Action<RouteGroupBuilder> Map, bool RootOnly = false);
