using Steward.Core.Results;

namespace Steward.Server.Hosting;

/// <summary>
/// How a surface (the native API, a face) writes a refusal on its wire. Carried as endpoint metadata on
/// the surface's route group, so the authentication filter, the id binding and the framework's own
/// refusals (unknown path, wrong method) all answer in the style of the surface that owns the route.
/// </summary>
public interface IErrorStyle
{
    IResult Render(Error error);
}
