namespace Steward.Core.Results;

/// <summary>The outcome of a core operation: a value or an <see cref="Error"/>.</summary>
public readonly record struct Result<T>
{
    private readonly T? value;

    private Result(T? value, Error? error)
    {
        this.value = value;
        Error = error;
    }

    public Error? Error { get; }

    public bool IsSuccess => Error is null;

    public T Value => Error is null ? value! : throw new InvalidOperationException("Result holds an error: " + Error.Message);

    public static Result<T> Ok(T value) => new(value, null);

    public static Result<T> Fail(Error error) => new(default, error);

    public static implicit operator Result<T>(T value) => Ok(value);

    public static implicit operator Result<T>(Error error) => Fail(error);

    public Result<TOut> Map<TOut>(Func<T, TOut> map) => Error is null ? Result<TOut>.Ok(map(value!)) : Result<TOut>.Fail(Error);
}

/// <summary>A result with no value.</summary>
public readonly record struct Done;
