using System.Globalization;
using ScottPlot;
using Steward.Core.Events;

namespace Steward.Server.AdminConsole;

/// <summary>Charts rendered to SVG on the server with ScottPlot: no chart script in the browser, nothing to build.</summary>
public static class Charts
{
    public const int Width = 760;
    public const int Height = 260;

    /// <summary>At most this many day labels on an axis, so a month's labels do not overlap (two weeks keep every label).</summary>
    private const int MaxLabels = 16;

    private static readonly Color Blue = Color.FromHex("#3366cc");
    private static readonly Color Orange = Color.FromHex("#dd7711");

    /// <summary>A bar per day (UTC), labelled by month and day.</summary>
    public static string PerDay(IReadOnlyList<DayCount> days, string valueLabel) =>
        Bars(days.Select(d => (d.Day, (double)d.Count)).ToList(), valueLabel, integers: true);

    /// <summary>A bar per day of an amount (coins), labelled by month and day.</summary>
    public static string Bars(IReadOnlyList<(DateOnly Day, double Value)> days, string valueLabel, bool integers = false)
    {
        var plot = new Plot();
        plot.Add.Bars(days.Select((d, i) => new Bar
        {
            Position = i,
            Value = d.Value,
            FillColor = Blue,
            LineWidth = 0,
        }).ToList());
        // Nothing charged: an axis from 0 to 1 rather than one centred on zero.
        var empty = days.All(d => d.Value == 0);
        return Render(plot, days.Select(d => d.Day).ToList(), valueLabel, integers, empty ? p => p.Axes.SetLimitsY(0, 1) : null);
    }

    /// <summary>A line through the days that have a value (a step where the value changes); days without one are left out.</summary>
    public static string Line(IReadOnlyList<(DateOnly Day, double? Value)> days, string valueLabel)
    {
        var plot = new Plot();
        var points = days.Select((d, i) => (i, d.Value)).Where(p => p.Value is not null).ToList();
        if (points.Count > 0)
        {
            var line = plot.Add.Scatter(points.Select(p => (double)p.i).ToArray(), points.Select(p => p.Value!.Value).ToArray(), Orange);
            line.LineWidth = 2;
            line.MarkerSize = 5;
            line.ConnectStyle = ConnectStyle.StepHorizontal;
        }

        // The whole window on the axis, even where the line has no points, so it lines up with the bars;
        // from zero up, so a steady rate does not look like a swing.
        var top = points.Count == 0 ? 0 : points.Max(p => p.Value!.Value);
        return Render(plot, days.Select(d => d.Day).ToList(), valueLabel, integers: false, p =>
        {
            p.Axes.SetLimitsX(-0.5, Math.Max(days.Count - 0.5, 0.5));
            p.Axes.SetLimitsY(0, top > 0 ? top * 1.15 : 1);
        });
    }

    /// <summary>Labels the axes and draws; <paramref name="limits"/> fixes the axes after the automatic margins.</summary>
    private static string Render(Plot plot, List<DateOnly> days, string valueLabel, bool integers, Action<Plot>? limits = null)
    {
        var every = Math.Max(1, (int)Math.Ceiling(days.Count / (double)MaxLabels));
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            days.Select((d, i) => (d, i)).Where(x => x.i % every == 0)
                .Select(x => new Tick(x.i, x.d.ToString("MM-dd", CultureInfo.InvariantCulture))).ToArray());
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = integers };
        plot.Axes.Margins(bottom: 0);
        plot.YLabel(valueLabel);
        plot.Grid.XAxisStyle.MajorLineStyle.Width = 0;
        limits?.Invoke(plot);
        return plot.GetSvgXml(Width, Height);
    }
}
