namespace Steward.Server.Hosting;

/// <summary>
/// How a surface (the native API, OAuth, each face) renders a core error on its wire. Carried as
/// endpoint metadata by the surface's route group, so that code outside the surface's handlers
/// (authentication, framework refusals) answers in the surface's own style.
/// </summary>
public interface IErrorStyle
{
    IResult Render(Steward.Core.Results.Error error);
}
