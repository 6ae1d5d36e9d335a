"""The warehouse's schema version and what each version changed."""

# Bump when tables or columns change so that an older warehouse cannot be read correctly.
# Recorded in build_info.schema_version; warehouses from before it count as version 0.
SCHEMA_VERSION = 75  # 2: table domains, indicators.projection, settings in build_info;
# 3: signals, kies_richting, opgave_summary keyed by set_id; benchmarks without group columns
# 4: reason codes (reason, reason_detail; ommeland_note), table labels
# 5: untested_series (why a series has no trend), series_jumps and jump_trends
# 6: set_benchmarks a view of set_distributions, set_positions and peer_benchmarks;
# jump_trends with the change after the jump (first_value .. direction_label)
# region_gap_trends.over_jump (a gap trend over a jump in the city's series)
# 7: indicators.decimals (the catalogue's printed decimals of each indicator)
# 8: coarse_counts, coarse_positions (CBS's coarse rounding: one rule for signals and report)
# 9: provisional_latest_years (the catalogue's provisional_latest: last years CBS marks
# provisional where the snapshot has no status), also in provisional_cells and the view
# 10: recomputed_raw, recomputed_cells (a published rate's count_fallback: values from counts)
# 11: indicators.used_tables (every table an indicator's figures come from: the report's
# source lists)
# 12: coarse_changes, coarse_trends (whether CBS's rounding could undo a change or a trend)
# 13: opgave_summary.n_divides, n_divides_widening, n_divides_narrowing (gaps of indicators
# with a direction) and tweedeling_verdict 'too few', 'no divides'; build_info.divide_min_gaps,
# divide_min_share
# 14: ommeland.ommeland_rounding (how far CBS's rounding can move an ommeland derived from its
# COROP figure); set_positions keyed by set_distributions.distribution_no; signal_rows without
# the indicator's domain, direction and projection (the views unchanged)
# 15: ommeland_steps; region_gap_trends.no_verdict (why a gap trend gives no verdict),
# city_distinct, step_member, step_previous_year, step_year
# 16: opgave_summary.tweedeling_way (which way a verdict 'gaps widen' / 'gaps narrow' goes for
# the city)
# 17: untested_gaps (why a city-ommeland gap has no gap trend, with its years); a figure <= 0
# before the trend window no longer drops a gap trend, a measure that can be negative gets none
# 18: indicators.current_prices (euro in current prices: a trend without a verdict)
# 19: untested_gaps.left_out and reason ommeland_members; region_gap_trends.ends_level
# 20: region_gap_trends.starts_level (movements left_level_ahead / left_level_behind)
# 21: indicator_results stores why a table leaves a municipality out in every year
# (never_in_table, not_in_copy): publish no longer derives it from observations
# 22: indicator_results stores a reason for every year of a series' span without a figure
# (omitted_by_catalogue, no_source_for_year, no_reason_recorded) and table unsourced_years (an
# indicator's years without a source table, or left out by the catalogue): publish no longer
# derives them (publish/year_reasons.py); never_in_table for a harmonised row of a table that
# never holds the municipality (Voorne aan Zee in 81877NED, was predecessor_missing)
# 23: series_humps (a series at another level for 1-3 years that returns: Deventer's jobs
# 2017-2018)
# 24: region_gap_trends.city_mean_count and no_verdict small_counts (a changing gap of a rate
# on fewer than 30 counts a year: analysis/gap_small.py)
# 25: series_steps (a series that moves to another level in one year of its tested years and
# stays there: Zutphen's jobs 2017, analysis/steps.py)
# 26: opgave_summary counts tested gap trends only (n_gap_trends, n_divides: as the report);
# n_gaps_untested, n_divides_untested (3-4 years, region_gap_trends.indicative) apart
# 27: trend_counts (the mean count a year behind a municipality's trend: 'op kleine
# aantallen'); build_info records the thresholds of humps, steps and small counts
# 28: rounded_counts (every rounded count); coarse_trends from every rounded figure, its
# s_worst exact, n_coarse renamed n_rounded
# 29: gap_rounding (a gap trend tested against CBS's rounding of the city's and the ommeland's
# figures) and region_gap_trends.no_verdict gap_rounding
# 30: series_parts (the parts and crosswalk weights behind a merged or split municipality's
# additive figure); rounded_counts' spreads count those parts and a rounded denominator
# 31: gap_spreads (how far CBS's rounding can move a gap's city and ommeland figures: the gap
# trends' rounding test and the signals' ommeland deviation read it)
# 32: published_rounding (the unit CBS publishes a figure it computes itself in: the report
# names it for a series with few distinct values)
# 33: kies_richting.base_count and base_unit (a share CBS computes from fewer than 100 cases,
# analysis/small_bases.py: the report's caveat); better_peers only beyond the figures' rounding
# 34: regions.name of current municipalities sharing a name carries the province: 'Bergen
# (Limburg)' (regions/history.py told_apart; the website's own disambiguation is gone)
# 35: small_bases (every municipal share's base under 100 cases, by year: report and website)
# 36: not used; 37: catalogue_parts.final (60039fvw's population counts final, not provisional)
# 38: indicators.year_offset (a stock on 31 December shown at the next year: payment arrears)
# 39: comparison_group_members.peer_rank (0 the municipality, 1..10 its peers nearest first)
# 40: indicator_results.reason never_in_table also for the years a table skips (one reason)
# 41: harmonised_cells (values the harmonisation summed from several codes or a part of one:
#     the '*' / 'omgerekend' mark, read from what was done to the value)
# 42: indicator_results.reason predecessors_never_in_table (a never_in_table year before the
#     municipality existed, reason_detail '<tables>:<codes>': its predecessors)
# 43: build_info.sum_spreads and build_info.national_includes_more (the settings of the one
#     sum check, counts_add_up; municipalities_add_up is gone)
# 44: trends.n_counts and count_unit (a ratio whose count CBS rounds: its distinct counts in
#     the tested years; under min_distinct_values not tested, as a count: Vaals's self-employed)
# 45: build_info.exact_sum_tables (tables counts_add_up checks exactly where unrounded)
# 46: region_cbs_means.reason (published_mean, region_incomplete, one_series: Nederland of a
#     table whose national figure counts more, CBS's in every year of the series)
# 47: printed_steps (the step a recalculated figure is printed to) and view printed_figures
#     (every municipal figure with its printed key: positions, rounding tests, ranking page)
# 48: jump_trends.n_distinct, n_counts and count_unit (the years after a jump: the trends' rule
#     for a ratio whose count CBS rounds to few values, trends.COUNT_STEPS_SQL)
# 49: region_gap_trends.mk_s, mk_p, tau, rel_gap_slope of ln(city / ommeland) turned to the
#     side the city ends on, not |ln ratio| (analysis/gap_crossings.py); gap_rounding too
# 50: catalogue_indicators.count_series (the catalogue's counts_from: the people another
#     indicator counts behind a published percentage; trend_counts has a row for it)
# 51: view rounded_zero_cells (the figures on a count CBS rounded to 0: mark 'rounded_zero',
#     no longer 'recomputed' in the page data, the API and the downloads' notes)
# 52: trends and jump_trends: theil_sen_slope and sen_slope_rel NULL where no test was run
#     (indicative, or too few distinct values of the figure or its rounded count);
#     region_gap_trends.other_side_years (the city on the other side of its ommeland inside
#     a window whose ends lie on one side: analysis/gap_crossings.py)
# 53: trends and jump_trends: classification 'not tested' where no test was run (indicative,
#     or too few distinct values of the figure or its rounded count), no longer 'no
#     significant change'; labels: kind 'trend', code 'not tested'
# 54: table gap_tables (view indicator_gaps.empty_tables): the tables whose cells are
#     empty behind a missing_in_source / suppressed_in_source figure (indicators/empty_tables);
#     indicator_sources.num_tables, den_tables, fb_tables, and view indicator_values'
#     source_tables per figure (a published mean kept: its own table; a denominator
#     indicator's table too) and figure_tables (the figure's own measure's tables)
# 55: region_gap_trends: classification and movement 'not tested' where no test was run
#     (indicative: fewer than min_significant_points years), no longer 'stable'; so too
#     sigma_convergence_trends.classification
# 56: indicator_sources.num_measures, den_measures, fb_measures, and view indicator_values'
#     source_measures per figure by source_tables' rule (were the indicator-year's measures)
# 57: case_positions (a share at or beyond its group's p25 or p75 that one case more or
#     less moves to that cut: the report's 'rond de grens van het laagste kwart')
# 58: catalogue_indicators.base_series (the catalogue's persons_base: the adults a share of
#     persons is of, series '<id>:base', one person's weight in analysis/small_bases);
#     withheld_labels (Kies richting labels only the near-cut rule withheld, with a reason);
#     case_positions.case_unit and reason ('one_case', 'cbs_rounding': the larger step, why
#     the sentence says 'rond')
# 59: indicators.can_be_negative (the catalogue's: wealth, assets minus debts; no multiple of
#     it is printed, publish.multiple_rule.base_allows_multiple)
# 60: births_per_1000 and deaths_per_1000 are CBS's rates of 37259eng (per 1 000 of the
#     average population; a weighted_mean with a count_fallback), from 2012 (not 2010)
# 61: build_info.inputs_unchecked (built with --unchecked from a snapshot without its
#     register, SOURCES.md: files not checked against its counts; the report and site say so)
# 62: catalogue_indicators.survey (the catalogue's survey: EBB) and survey_estimates (a
#     small municipality's sample figures, base under build_info.survey_small_base: every
#     verdict and label on them says 'steekproefcijfer')
# 63: withheld_labels reason 'survey' (step NULL): Kies richting gives no label on a small
#     municipality's sample figure (survey_estimates' rows, made before it as _sig_survey);
#     kies_richting holds none of them (147 rows fewer on the snapshot)
# 64: build_info.deviation_min_z and ommeland_min (the settings where a deviation begins) and
#     build_info.mad_scale (the robust scale's factor): the report reads them, no copies;
#     sources.renamed_columns (columns of numbers without CBS's '_<number>' end, not read)
# 65: births_per_1000 and deaths_per_1000 are the births and deaths over the average
#     population where that rounds to CBS's rate (all municipality-years of the snapshot:
#     CBS's figure unrounded; exact_rates: CBS's rate beside it), the average population
#     03759ned's M000365 from 2019; net_migration_per_1000 and
#     net_international_migration_per_1000 per 1 000 of the average population (were
#     1 January), the latter from 2012 (not 2010)
# 66: trend_counts has the balances (indicators.signed) too, their mean net a year in size
#     (Rozendaal's net international migration, 12 a year: 'op kleine aantallen')
# 67: sources.retrieved_kind: what retrieved_at is, a download from CBS ('retrieved'), the
#     commit date of a copy of CBS's file ('copy': kwb2019's 2022-09-23) or a file's time
# 68: ommeland_steps without previous_value and value (the member's figures: rows of
#     indicator_values no reader took from there)
# 69: ommeland.ommeland_zeros, region_gaps.ommeland_zeros: an ommeland of 0 whose members'
#     counts CBS all rounded to 0, how many (Zaanstad's demolitions 2018: Wormerland's 0)
# 70: table benchmark_zeros: a comparison group's median, p25 or p75 of 0 on its middle
#     members' counts CBS rounded to 0, of how many (the demolitions' medians of 0)
# 71: region_gap_trends.printed_first_gap, printed_last_gap (city - ommeland as printed) and
#     abs_against (they move against the relative verdict: valence neutral, signal movement
#     '<movement>_rel'; analysis/gaps.py)
# 72: table group_classes (the CBS classes each class group of regions/groups.yaml holds: publish
#     reads a size group's there, not the file) and build_info.small_base (the setting: a share
#     from fewer cases is 'computed from small numbers', a wijk of fewer dwellings says them)
# 73: fallback_cells (a count's region_fallback: the population forecast of a municipality
#     85171NED leaves out from 85173NED; view indicator_values cites that figure's tables)
# 74: ommeland.ommeland_dominant, ommeland_dominant_share: the member carrying more than the
#     build's ommeland_dominant_share of the ommeland's numerator (Oldambt's net international
#     migration 2023: Westerwolde, 98%), and build_info.ommeland_dominant_share
# 75: build_info.trend_min_strength (the setting from which a significant trend is a signal):
#     the report's badge, the city page's tiles and the Verantwoording read it
