using System.Globalization;
using ScottPlot;
using Steward.Core.Events;

namespace Steward.Server.AdminConsole;

/// <summary>Charts rendered to SVG on the server with ScottPlot: no chart script in the browser, nothing to build.</summary>
public static class Charts
{
    public const int Width = 760;
    public const int Height = 260;

    /// <summary>A bar per day (UTC), labelled by month and day.</summary>
    public static string PerDay(IReadOnlyList<DayCount> days, string valueLabel)
    {
        var plot = new Plot();
        var bars = plot.Add.Bars(days.Select((d, i) => new Bar
        {
            Position = i,
            Value = d.Count,
            FillColor = Color.FromHex("#3366cc"),
            LineWidth = 0,
        }).ToList());
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            days.Select((d, i) => new Tick(i, d.Day.ToString("MM-dd", CultureInfo.InvariantCulture))).ToArray());
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plot.Axes.Margins(bottom: 0);
        plot.YLabel(valueLabel);
        plot.Grid.XAxisStyle.MajorLineStyle.Width = 0;
        return plot.GetSvgXml(Width, Height);
    }
}
