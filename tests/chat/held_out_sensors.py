"""Held-out questions on sensor telemetry: hourly readings from twelve sensors on four sites, and the sensors.

Written without reading the planner, its docs or the other question sets; every expected answer is computed
here with pandas from the frames below. Some temperatures are missing, as they are in a real feed.

First run: 13 right, 14 wrong, 16 declined of 43 (one of the wrong, 'average temperature per month', labels the
months '2024-01-01T00:00:00', not '2024-01-01').
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from tests.chat.expected import grouped

SITE_OF = {"S01": "North Plant", "S02": "North Plant", "S03": "North Plant", "S04": "North Plant",
           "S05": "South Plant", "S06": "South Plant", "S07": "South Plant",
           "S08": "Warehouse", "S09": "Warehouse", "S10": "Warehouse", "S11": "Office", "S12": "Office"}
# the warehouse is unheated (cold, follows the season), the office is air-conditioned (flat)
SITE_BASE = {"North Plant": 21.0, "South Plant": 23.5, "Warehouse": 13.0, "Office": 21.5}
SITE_SEASON = {"North Plant": 1.0, "South Plant": 1.0, "Warehouse": 1.6, "Office": 0.3}
SITE_HUMIDITY = {"North Plant": 48.0, "South Plant": 41.0, "Warehouse": 62.0, "Office": 38.0}

sensors = pd.DataFrame({
    "sensor_id": list(SITE_OF),
    "model": ["TH-100", "TH-100", "TH-200", "EnviroSense X2", "TH-200", "TH-100", "EnviroSense X2", "TH-200",
              "TH-200", "TH-100", "EnviroSense X2", "TH-200"],
    "installed_on": pd.to_datetime(["2021-03-15", "2021-03-16", "2022-06-01", "2022-11-20", "2021-09-08", "2023-01-12",
                                    "2023-05-30", "2020-12-02", "2021-01-19", "2022-02-14", "2023-08-21", "2023-10-03"]),
    "floor": [0, 1, 1, 2, 0, 2, 3, 0, 0, 1, 2, 3],
})


def _readings() -> pd.DataFrame:
    """One reading an hour from 1 Jan to 28 Jul 2024, each from one sensor picked at random."""
    rng = np.random.default_rng(7)
    stamps = pd.date_range("2024-01-01", periods=5040, freq="h")
    ids = rng.choice(list(SITE_OF), size=len(stamps))
    sites = np.array([SITE_OF[s] for s in ids])
    offset = dict(zip(SITE_OF, rng.normal(0, 1.0, len(SITE_OF)), strict=True))
    start_v = dict(zip(SITE_OF, rng.uniform(3.5, 3.7, len(SITE_OF)), strict=True))
    drain = dict(zip(SITE_OF, rng.uniform(0.0004, 0.0032, len(SITE_OF)), strict=True))  # volts a day
    day = np.asarray((stamps - stamps[0]).days)
    season = -7 * np.cos(2 * np.pi * (stamps.day_of_year.to_numpy() - 15) / 366)  # coldest mid-January
    daily = 3 * np.cos(2 * np.pi * (stamps.hour.to_numpy() - 15) / 24)  # warmest at 3 pm
    temperature = (np.array([SITE_BASE[s] for s in sites]) + np.array([SITE_SEASON[s] for s in sites]) * season
                   + daily + np.array([offset[s] for s in ids]) + rng.normal(0, 1.2, len(stamps)))
    humidity = np.clip(np.array([SITE_HUMIDITY[s] for s in sites]) - 0.8 * season + rng.normal(0, 7, len(stamps)), 15, 95)
    battery = (np.array([start_v[s] for s in ids]) - np.array([drain[s] for s in ids]) * day
               + rng.normal(0, 0.01, len(stamps)))
    # a low battery faults often; heat or damp raise a warning; a few of each come from nowhere
    fault = ((battery < 3.1) & (rng.random(len(stamps)) < 0.5)) | (rng.random(len(stamps)) < 0.015)
    warning = (temperature > 30) | (humidity > 80) | (rng.random(len(stamps)) < 0.04)
    status = np.where(fault, "fault", np.where(warning, "warning", "ok"))
    frame = pd.DataFrame({"timestamp": stamps, "sensor_id": ids, "site": sites, "temperature_c": temperature.round(2),
                          "humidity_pct": humidity.round(1), "battery_v": battery.round(3), "status": status})
    frame.loc[rng.random(len(frame)) < 0.03, "temperature_c"] = np.nan  # the feed drops a temperature now and then
    return frame


readings = _readings()

# --- helpers that refuse a tie, so no expected answer depends on how a tie is broken


def _row(frame: pd.DataFrame, by: str, largest: bool = True) -> pd.Series:
    """The one row holding the extreme of `by`."""
    extreme = frame[by].max() if largest else frame[by].min()
    rows = frame[frame[by] == extreme]
    assert len(rows) == 1, f"a tie on {by}"
    return rows.iloc[0]


def _top(series: pd.Series, n: int, ascending: bool = False) -> list[str]:
    """The labels of the first n of a measure, refusing a tie at the cut or inside it."""
    ordered = series.sort_values(ascending=ascending)
    assert ordered.iloc[: n + 1].is_unique, f"a tie in the top {n}"
    return [str(label) for label in ordered.index[:n]]


def _label_of_extreme(series: pd.Series, largest: bool = True) -> str:
    return _top(series, 1, ascending=not largest)[0]


def _over(series: pd.Series, threshold: float) -> list[str]:
    """Labels whose measure is over a threshold, largest first (ties by label), as grouped() orders them."""
    table = series[series > threshold].rename("m").reset_index()
    return [str(v) for v in table.sort_values(["m", table.columns[0]], ascending=[False, True]).iloc[:, 0]]


def _monthly(frame: pd.DataFrame, value: str | None, agg: str = "sum") -> dict:
    """A time series by month: {first day of the month: measure} in time order."""
    keyed = frame.assign(_month=frame["timestamp"].dt.to_period("M").dt.start_time.dt.date.astype(str))
    measure = keyed.groupby("_month").size() if value is None else keyed.groupby("_month")[value].agg(agg)
    return {str(k): float(v) for k, v in measure.sort_index().items()}


def _sensor(sensor_id: str) -> pd.Series:
    return sensors.set_index("sensor_id").loc[sensor_id]


def _pct(part: float, whole: float) -> float:
    return float(100 * part / whole)  # shares are answered as percentages, 0 to 100


temperature = readings["temperature_c"]
faults = readings[readings["status"] == "fault"]
warnings = readings[readings["status"] == "warning"]
month = readings["timestamp"].dt.to_period("M")
hour = readings["timestamp"].dt.hour
site_temperature = readings.groupby("site")["temperature_c"].mean()
sensor_temperature = readings.groupby("sensor_id")["temperature_c"].mean()
faults_per_sensor = faults.groupby("sensor_id").size()
warnings_per_sensor = warnings.groupby("sensor_id").size()
hottest = _row(readings, "temperature_c")
s05 = readings[readings["sensor_id"] == "S05"].sort_values("timestamp")
assert s05["temperature_c"].notna().iloc[-1]  # S05's latest reading has a temperature, so 'latest temperature' is it
mean_of_month = {m: readings.loc[month == pd.Period(m, "M"), "temperature_c"].mean()
                 for m in ("2024-01", "2024-02", "2024-03", "2024-06")}
hour_of_day = readings.groupby(hour)["temperature_c"].mean()
weekend = readings["timestamp"].dt.day_of_week >= 5

first_fault = faults.sort_values("timestamp").iloc[0]
s01 = readings.loc[readings["sensor_id"] == "S01", "temperature_c"]


def _by_hour(measure: pd.Series) -> dict:
    """{hour: measure} from midnight on: hours of the day are read in clock order, not ranked."""
    return {int(h): float(v) for h, v in measure.sort_index().items()}


SENSOR_QUESTIONS: list[tuple[object, object]] = [
    # totals, averages and counts, with and without a filter
    ("how many readings are there?", len(readings)),
    ("how many fault readings", len(faults)),
    ("average humidity at the Warehouse", float(readings.loc[readings["site"] == "Warehouse", "humidity_pct"].mean())),
    ("Average battery voltage", float(readings["battery_v"].mean())),
    ("how many sensors are on floor 2", int((sensors["floor"] == 2).sum())),
    ("how many readings are missing a temperature", int(temperature.isna().sum())),
    ("average temperature by site", grouped(readings, "site", "temperature_c", "mean")),
    # a cell looked up by the sensor's id
    ("what model is sensor S07?", _sensor("S07")["model"]),
    ("which floor is S10 on", int(_sensor("S10")["floor"])),
    ("when was sensor S02 installed", _sensor("S02")["installed_on"].date().isoformat()),
    # the row behind an extreme
    ("which sensor had the highest temperature reading", hottest["sensor_id"]),
    ("On which day was the hottest reading?", hottest["timestamp"].date().isoformat()),
    ("which site has the lowest average humidity", _label_of_extreme(readings.groupby("site")["humidity_pct"].mean(),
                                                                     largest=False)),
    ("what model is the sensor with the most faults", _sensor(_label_of_extreme(faults_per_sensor))["model"]),
    ("coldest site on average", _label_of_extreme(site_temperature, largest=False)),
    # rankings
    ("top 3 sensors by average temperature", _top(sensor_temperature, 3)),
    ("bottom 5 sensors by average battery voltage", _top(readings.groupby("sensor_id")["battery_v"].mean(), 5,
                                                         ascending=True)),
    # differences
    ("how much warmer is North Plant than Warehouse on average", float(site_temperature["North Plant"]
                                                                       - site_temperature["Warehouse"])),
    # yes or no
    ("is sensor S03 warmer on average than S07", bool(sensor_temperature["S03"] > sensor_temperature["S07"])),
    ("did any reading go above 35 degrees?", bool(temperature.max() > 35)),
    # conditions on groups
    ("how many sensors have more than 10 fault readings", int((faults_per_sensor > 10).sum())),
    ("How many sites have an average temperature above 20", int((site_temperature > 20).sum())),
    ("which sensors logged more than 40 warnings", _over(warnings_per_sensor, 40)),  # most first, ties by id
    # calendar parts: hours of the day in clock order, a month named by its first day
    ("average temperature by hour of day", _by_hour(hour_of_day)),
    ("which hour of the day is warmest on average", int(_label_of_extreme(hour_of_day))),
    ("readings on weekends", int(weekend.sum())),
    ("Which month had the most fault readings?", _label_of_extreme(
        faults.groupby(faults["timestamp"].dt.to_period("M").dt.start_time.dt.date.astype(str)).size())),
    # period comparisons
    ("did average temperature rise from January to February", bool(mean_of_month["2024-02"] > mean_of_month["2024-01"])),
    ("how much did the average temperature change from March to June",
     float(mean_of_month["2024-06"] - mean_of_month["2024-03"])),
    # shares, as percentages
    ("what percentage of readings are faults", _pct(len(faults), len(readings))),
    ("what percent of S08's readings were warnings",
     _pct((warnings["sensor_id"] == "S08").sum(), (readings["sensor_id"] == "S08").sum())),
    # lists of values, alphabetical
    ("which sites are there", sorted(readings["site"].unique().tolist())),
    ("list the sensor models", sorted(sensors["model"].unique().tolist())),
    # derived measures
    ("average temperature in fahrenheit", float(temperature.mean() * 9 / 5 + 32)),
    ("temperature range for S01", float(s01.max() - s01.min())),  # highest minus lowest, missing ones skipped
    # first, last, earliest, latest
    ("latest temperature for S05", float(s05["temperature_c"].iloc[-1])),
    ("the earliest installed sensor", _row(sensors, "installed_on", largest=False)["sensor_id"]),
    ("On what date was the first fault?", first_fault["timestamp"].date().isoformat()),
    # a time series: {first day of the month: measure} in time order
    ("average temperature per month", _monthly(readings, "temperature_c", "mean")),
    # nothing in the tables answers these: an honest engine declines
    ("average wind speed", None),
    ("what is the CO2 level at the Office", None),
    ("average temperature for sensor S99", None),
    ("which one is best?", None),
]
