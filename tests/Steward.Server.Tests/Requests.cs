using System.Text;
using Microsoft.AspNetCore.Http;
using Steward.Core.Access;
using Steward.Core.Results;

namespace Steward.Server.Tests;

/// <summary>Requests as a scheme sees them: a <see cref="DefaultHttpContext"/> with services and an Authorization header.</summary>
internal static class Requests
{
    public static DefaultHttpContext With(IServiceProvider services, string? authorization = null)
    {
        var http = new DefaultHttpContext { RequestServices = services };
        if (authorization is not null)
        {
            http.Request.Headers.Authorization = authorization;
        }

        return http;
    }

    public static string Basic(string user, string password) => "Basic " + Base64(user + ":" + password);

    public static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    /// <summary>Asserts a caller and returns it.</summary>
    public static Principal Caller(this Result<Principal?> result)
    {
        Assert.True(result.IsSuccess, result.Error?.Message);
        return Assert.IsType<Principal>(result.Value);
    }

    /// <summary>Asserts an Unauthorized refusal and returns its message.</summary>
    public static string Refused(this Result<Principal?> result)
    {
        Assert.False(result.IsSuccess, "expected a refusal, got a caller");
        Assert.Equal(ErrorCode.Unauthorized, result.Error!.Code);
        return result.Error.Message;
    }
}
