#!/usr/bin/env python3
"""Generate Oversight's bundled sample portfolio into sample-data/.

Standard library only and deterministic: every random choice comes from
random.Random(20260112) (split into one stream per section), nothing depends on the
current time, and running the script twice writes byte-identical files.

The portfolio is a fictional enterprise with four industry teams and a platform team,
90 days of history ending at the anchor 2026-01-12T09:00:00Z. The format it writes is
docs/DATA-FORMAT.md (version 1). The script asserts the format's rules and the
stories told in sample-data/README.md, so an edit that breaks them fails loudly.

    python3 scripts/generate_sample.py
"""

import json
import math
import os
import random
from datetime import date, datetime, timedelta, timezone

# --------------------------------------------------------------------------------------
# Randomness and time
# --------------------------------------------------------------------------------------

SEED = 20260112
MASTER = random.Random(SEED)


def _stream():
    return random.Random(MASTER.getrandbits(64))


RNG_MODELS = _stream()
RNG_ALERTS = _stream()
RNG_RUNS = _stream()
RNG_DEPLOY = _stream()
RNG_METRICS = _stream()
RNG_MATURITY = _stream()
RNG_LIVE = _stream()

UTC = timezone.utc
ANCHOR = datetime(2026, 1, 12, 9, 0, 0, tzinfo=UTC)
WINDOW_START = ANCHOR - timedelta(days=90)  # 2025-10-14T09:00:00Z
FIRST_DAY = date(2025, 10, 14)
LAST_DAY = date(2026, 1, 12)
DAYS = [FIRST_DAY + timedelta(days=i) for i in range((LAST_DAY - FIRST_DAY).days + 1)]
BLACK_FRIDAY = date(2025, 11, 28)
CHRISTMAS = date(2025, 12, 25)
# Runs other than the hand-made "live" ones finish before this; the live ones fill the last hours.
GENERIC_CUTOFF = ANCHOR - timedelta(minutes=90)
# Seeds (start times) of generated runs are no later than this.
SEED_CUTOFF = ANCHOR - timedelta(hours=5)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "sample-data")


def iso(t):
    assert t.tzinfo is not None
    return t.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def T(text):
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)


def at(day, h=0, m=0, s=0):
    return datetime(day.year, day.month, day.day, h, m, s, tzinfo=UTC)


def biz_time(day, rng, lo=8, hi=21):
    """A working-hours time (UTC, the teams span Europe and the US East coast)."""
    hour = rng.randint(lo, hi)
    return at(day, hour, rng.randrange(60), rng.randrange(60))


def uniform_time(rng, lo, hi):
    span = int((hi - lo).total_seconds())
    assert span > 0, (lo, hi)
    return lo + timedelta(seconds=rng.randrange(span))


def sha(rng):
    return "%040x" % rng.getrandbits(160)


def sig(x, digits=3):
    """x rounded to `digits` significant digits."""
    if x == 0:
        return 0.0
    return float("%.*g" % (digits, x))


# --------------------------------------------------------------------------------------
# Teams
# --------------------------------------------------------------------------------------

FRAUD = "Risk & Fraud Analytics"
CLIN = "Clinical AI"
RETAIL = "Retail Demand & Personalization"
MFG = "Manufacturing Quality AI"
PLAT = "ML Platform"

TEAMS = [
    {
        "name": FRAUD, "industry": "finance", "lead": "Priya Raman",
        "description": "Fraud, anti-money-laundering and credit-risk models for the consumer and "
                       "commercial card portfolios. Every production model is in scope of SR 11-7 "
                       "model risk management and is signed off by the Model Risk Committee.",
        "members": ["Priya Raman", "Daniel Okafor", "Mei-Lin Chen", "Tomasz Wójcik", "Sofia Alvarez"],
        "approver": "Model Risk Committee", "regulated": True,
    },
    {
        "name": CLIN, "industry": "healthcare", "lead": "Amara Nwosu",
        "description": "Clinical decision-support models for the hospital network: readmission, "
                       "sepsis, imaging triage and scheduling. Models are validated with clinicians "
                       "and every production version is reviewed by the Clinical Safety Board.",
        "members": ["Amara Nwosu", "Jonas Berg", "Hannah Whitfield", "Ravi Menon", "Elena Petrova"],
        "approver": "Clinical Safety Board", "regulated": True,
    },
    {
        "name": RETAIL, "industry": "retail", "lead": "Marcus Delgado",
        "description": "Demand forecasting, pricing and personalization for 640 stores and the "
                       "e-commerce site. Strong delivery pipelines; monitoring is still mostly manual.",
        "members": ["Marcus Delgado", "Chloe Martin", "Kenji Watanabe", "Aisha Rahman", "Lucas Ferreira"],
        "approver": "Marcus Delgado", "regulated": False,
    },
    {
        "name": MFG, "industry": "manufacturing", "lead": "Ingrid Johansson",
        "description": "Computer-vision and sensor models for the three assembly plants: visual "
                       "inspection, predictive maintenance of the CNC fleet and process yield.",
        "members": ["Ingrid Johansson", "Wei Zhang", "Carlos Mendes", "Fatima Al-Sayed", "Piotr Nowak"],
        "approver": "Quality Review Board", "regulated": False,
    },
    {
        "name": PLAT, "industry": "platform", "lead": "Sam Okonkwo",
        "description": "Owns the shared training and serving platform, the feature store, the drift "
                       "monitor and shared models such as the text embedding service and PII "
                       "redaction used by the other teams.",
        "members": ["Sam Okonkwo", "Nadia Karim", "Oliver Grant", "Yuki Tanaka"],
        "approver": "Sam Okonkwo", "regulated": False,
    },
]
TEAM = {t["name"]: t for t in TEAMS}

# --------------------------------------------------------------------------------------
# Models
# --------------------------------------------------------------------------------------

CATEGORICAL = {
    "merchant_category", "card_present", "counterparty_country", "income_verified",
    "address_mismatch", "mcc_code", "discharge_disposition", "scanner_model", "view_position",
    "insurance_type", "department", "promo_flag", "category", "channel", "loyalty_tier",
    "device_type", "season_code", "category_mix", "local_event_flag", "camera_id",
    "panel_color", "raw_material_lot", "robot_cell", "shift_pattern", "language",
    "source_system",
}

# Version codes: P production+approved, S staging+approved, s staging+pending,
# X staging+rejected, D development+pending; "w" = created inside the 90-day window
# (by a training run of the window); "*" = the model's current version.
VERSION_CODES = {
    "P": ("production", "approved"),
    "S": ("staging", "approved"),
    "s": ("staging", "pending"),
    "X": ("staging", "rejected"),
    "D": ("development", "pending"),
}


def M(name, team, owner, stage, risk, value, cost, created, versions, use_case, framework,
      domain, serving, features, gpu=0.0, train=None, metric=None, preds=None, latency=None,
      train_s=None, archived_on=None, extra_tags=None):
    return {
        "name": name, "team": team, "owner": owner, "stage": stage, "risk": risk,
        "value": value, "cost": cost, "created": date.fromisoformat(created),
        "vspec": versions, "use_case": use_case, "framework": framework, "domain": domain,
        "serving": serving, "features": features, "gpu": gpu, "train": train,
        "metric": metric, "preds": preds, "latency": latency, "train_s": train_s,
        "archived_on": date.fromisoformat(archived_on) if archived_on else None,
        "extra_tags": extra_tags or {},
    }


MODEL_SPECS = [
    # ---------------- Risk & Fraud Analytics (finance) ----------------
    M("card-fraud-detector", FRAUD, "Priya Raman", "production", "high", 4200000, 18500, "2023-02-14",
      "2.8.0:P 2.9.0:P 2.10.0:P 3.0.0:P 3.1.0:X 3.1.2:P 3.2.0:Pw* 3.3.0:sw",
      "Scores every card authorization in real time (<50 ms) and routes high-risk transactions to "
      "step-up authentication or decline.",
      "xgboost", "card_transactions", "realtime",
      ["transaction_amount", "merchant_category", "card_present", "hour_of_day",
       "distance_from_home_km", "txn_count_1h"],
      train="daily 01:30", metric=("auc", 0.951, 0.0016, True, 4), preds=3400000, latency=38.0),
    M("aml-transaction-monitor", FRAUD, "Daniel Okafor", "production", "high", 2800000, 14200, "2023-06-05",
      "1.4.0:P 1.5.0:P 1.6.0:P 2.0.0:P* 2.1.0:sw",
      "Flags wire and cash activity for anti-money-laundering investigation and ranks cases for "
      "the financial-intelligence analyst queue.",
      "lightgbm", "payments", "batch",
      ["wire_amount_usd", "counterparty_country", "txn_velocity_7d", "cash_deposit_ratio"],
      train="weekly 6 02:00", metric=("recall", 0.834, 0.005, True, 4), preds=1100000, latency=120.0),
    M("credit-limit-optimizer", FRAUD, "Mei-Lin Chen", "production", "high", 1900000, 6400, "2023-09-18",
      "1.0.0:P 1.1.0:P 2.0.0:P 2.1.0:P 2.2.0:S 2.3.0:P* 2.4.0:Xw",
      "Recommends credit-line increases and decreases for existing cardholders within "
      "fair-lending constraints.",
      "xgboost", "credit_bureau", "batch",
      ["utilization_ratio", "delinquency_count_24m", "bureau_score", "income_verified"],
      train="weekly 6 03:00", metric=("auc", 0.809, 0.003, True, 4), preds=85000, latency=210.0),
    M("churn-propensity", FRAUD, "Sofia Alvarez", "production", "medium", 850000, 2100, "2022-11-03",
      "1.7.0:P 1.8.0:P 1.9.0:P 1.10.0:Pw*",
      "Predicts 90-day attrition of retail-banking customers to prioritise retention offers.",
      "lightgbm", "customer_profile", "batch",
      ["tenure_months", "balance_change_90d", "product_count", "complaint_count_90d"],
      train="weekly 0 03:30", metric=("auc", 0.838, 0.004, True, 4), preds=420000, latency=95.0),
    M("application-fraud-scorer", FRAUD, "Tomasz Wójcik", "staging", "high", 1200000, 1800, "2025-05-12",
      "0.6.0:D 0.7.0:D 0.8.0:S 0.9.0:sw*",
      "Detects synthetic and stolen-identity credit-card applications at origination.",
      "catboost", "applications", "realtime",
      ["email_domain_age_days", "device_fingerprint_risk", "address_mismatch",
       "applications_per_device_30d"],
      train="commit 2.5"),
    M("merchant-risk-scorer", FRAUD, "Daniel Okafor", "staging", "high", 650000, 1200, "2025-03-20",
      "0.3.0:D 0.4.0:S 1.0.0:sw*",
      "Scores acquiring merchants for chargeback and bust-out risk at onboarding and in monthly reviews.",
      "xgboost", "merchants", "batch",
      ["chargeback_rate_30d", "mcc_code", "monthly_volume_usd"],
      train="commit 1.5"),
    M("synthetic-id-detector", FRAUD, "Tomasz Wójcik", "development", "high", 900000, 0, "2025-10-20",
      "0.1.0:Dw 0.2.0:Dw*",
      "Graph-based detection of synthetic identities across applications that share phones, "
      "addresses and devices.",
      "pytorch-geometric", "applications", "batch", ["shared_device_count"], gpu=4.10,
      train="commit 2.0"),
    M("transaction-categorizer", FRAUD, "Sofia Alvarez", "development", "low", 0, 150, "2025-08-11",
      "0.1.0:D 0.2.0:D 0.3.0:Dw*",
      "Classifies card transactions into spending categories for the mobile banking app.",
      "transformers", "card_transactions", "batch", ["merchant_descriptor"], gpu=1.21,
      train="commit 1.5"),
    M("collections-prioritizer", FRAUD, "Mei-Lin Chen", "development", "medium", 400000, 0, "2025-09-02",
      "0.1.0:D 0.2.0:Dw*",
      "Ranks delinquent accounts by expected recovery to schedule collector outreach.",
      "lightgbm", "collections", "batch", ["days_past_due"], train="manual 1.0"),
    M("fraud-rules-gbm-legacy", FRAUD, "Priya Raman", "archived", "high", 0, 0, "2020-04-01",
      "4.2.0:P 4.3.0:P 4.3.1:P*",
      "Previous-generation gradient-boosted fraud rules engine, replaced by card-fraud-detector 3.x "
      "and archived on 2025-10-28.",
      "scikit-learn", "card_transactions", "batch", ["transaction_amount"],
      train="weekly 0 04:00", archived_on="2025-10-28"),
    M("credit-scorecard-logit", FRAUD, "Mei-Lin Chen", "archived", "high", 0, 0, "2019-06-10",
      "1.0.0:P 1.1.0:P 1.2.0:P*",
      "Logistic-regression application scorecard, retired after the 2024 bureau-data migration.",
      "statsmodels", "credit_bureau", "batch", ["bureau_score"], archived_on="2024-08-30"),

    # ---------------- Clinical AI (healthcare) ----------------
    M("readmission-risk-30d", CLIN, "Hannah Whitfield", "production", "high", 2100000, 3800, "2022-08-15",
      "3.4.0:P 3.5.0:P 4.0.0:P 4.1.0:X 4.1.3:P 4.2.0:Pw*",
      "Predicts 30-day all-cause readmission at discharge so care managers can schedule follow-up "
      "calls and visits.",
      "xgboost", "ehr_encounters", "realtime",
      ["days_since_last_admission", "num_prior_admissions", "length_of_stay",
       "discharge_disposition", "hba1c", "charlson_index"],
      train="weekly 0 02:30", metric=("auc", 0.742, 0.004, True, 4), preds=2600, latency=64.0),
    M("sepsis-early-warning", CLIN, "Ravi Menon", "production", "high", 3400000, 7200, "2023-01-09",
      "2.0.0:P 2.1.0:P 2.2.0:P 2.3.0:P* 2.4.0:sw",
      "Hourly sepsis risk score for inpatients from vitals and labs; pages the rapid-response nurse "
      "when risk crosses the protocol threshold.",
      "lightgbm", "ehr_vitals_labs", "streaming",
      ["lactate", "heart_rate", "resp_rate", "wbc_count", "temp_c", "map_mmhg"],
      train="weekly 1 02:00", metric=("recall", 0.872, 0.007, True, 4), preds=54000, latency=45.0),
    M("radiology-triage-cxr", CLIN, "Jonas Berg", "production", "high", 1600000, 16800, "2023-10-02",
      "1.0.0:P 1.1.0:P 1.2.0:P 1.3.0:Pw*",
      "Prioritises chest X-rays with suspected pneumothorax or pleural effusion in the "
      "radiologist worklist.",
      "pytorch", "imaging", "realtime",
      ["pixel_intensity_mean", "scanner_model", "patient_age", "view_position"], gpu=12.24,
      train="weekly 5 22:00", metric=("auc", 0.934, 0.003, True, 4), preds=3100, latency=480.0),
    M("no-show-predictor", CLIN, "Elena Petrova", "production", "low", 420000, 900, "2024-02-19",
      "1.0.0:P 1.1.0:P 1.2.0:P*",
      "Predicts outpatient appointment no-shows so schedulers can send reminders and overbook safely.",
      "scikit-learn", "scheduling", "batch",
      ["lead_time_days", "appointment_hour", "prior_no_shows", "insurance_type"],
      train="weekly 3 03:00", metric=("auc", 0.781, 0.004, True, 4), preds=9800, latency=30.0),
    M("icu-deterioration-index", CLIN, "Ravi Menon", "staging", "high", 1500000, 2400, "2025-04-07",
      "0.4.0:D 0.5.0:D 0.6.0:S 0.7.0:sw*",
      "Predicts deterioration of ICU patients within 12 hours from continuous bedside monitoring.",
      "pytorch", "ehr_vitals_labs", "streaming", ["spo2", "map_mmhg", "gcs_total", "heart_rate"],
      gpu=1.21, train="commit 2.0"),
    M("clinical-note-coder", CLIN, "Jonas Berg", "staging", "medium", 1100000, 3200, "2025-01-27",
      "0.8.0:D 0.9.0:S 0.10.0:Sw*",
      "Suggests ICD-10 codes from discharge summaries to speed up medical coding (shadow-mode pilot).",
      "transformers", "clinical_notes", "batch", ["note_length_tokens", "department"], gpu=5.67,
      train="commit 1.5"),
    M("diabetic-retinopathy-screen", CLIN, "Jonas Berg", "development", "high", 700000, 0, "2025-09-15",
      "0.1.0:D 0.2.0:Dw 0.3.0:Dw*",
      "Grades retinal fundus photographs for referable diabetic retinopathy in primary-care clinics.",
      "pytorch", "imaging", "batch", ["image_quality_score"], gpu=5.67, train="manual 1.5"),
    M("glycemic-control-risk", CLIN, "Elena Petrova", "development", "medium", 0, 0, "2025-10-27",
      "0.1.0:Dw*",
      "Forecasts the HbA1c trajectory of patients with type 2 diabetes to target care-management outreach.",
      "lightgbm", "ehr_labs", "batch", ["hba1c"], train="commit 1.2"),
    M("length-of-stay-estimator", CLIN, "Hannah Whitfield", "development", "medium", 350000, 120, "2025-07-21",
      "0.1.0:D 0.2.0:Dw*",
      "Estimates expected length of stay at admission for bed-management planning.",
      "xgboost", "ehr_encounters", "batch", ["admission_source"], train="commit 1.0"),
    M("readmission-logit-legacy", CLIN, "Hannah Whitfield", "archived", "high", 0, 0, "2019-11-04",
      "1.0.0:P 1.1.0:P*",
      "LACE-index logistic model that preceded readmission-risk-30d; kept read-only for audit.",
      "statsmodels", "ehr_encounters", "batch", ["length_of_stay"], archived_on="2023-01-16"),

    # ---------------- Retail Demand & Personalization ----------------
    M("retail-demand-forecast", RETAIL, "Kenji Watanabe", "production", "medium", 5800000, 9400, "2022-05-16",
      "1.8.0:P 2.0.0:P 2.1.0:P 2.2.0:P 2.3.1:P 2.4.0:Pw*",
      "Daily store x SKU demand forecast (28-day horizon) that drives replenishment orders for 640 stores.",
      "lightgbm", "sales", "batch",
      ["units_sold", "promo_flag", "price", "store_traffic", "weather_temp_c"],
      train="daily 03:15", metric=("mape", 8.3, 0.25, False, 2), preds=1900000, latency=850.0),
    M("price-elasticity", RETAIL, "Aisha Rahman", "production", "medium", 2400000, 3100, "2023-04-24",
      "1.2.0:P 1.3.0:P 1.4.0:P*",
      "Estimates SKU-level price elasticity to set weekly shelf prices within margin guardrails.",
      "pymc", "pricing", "batch", ["price_change_pct", "competitor_price_index", "category"],
      train="weekly 6 04:00", metric=("rmse", 0.118, 0.003, False, 4), preds=240000, latency=140.0),
    M("next-best-offer", RETAIL, "Lucas Ferreira", "production", "medium", 3100000, 11800, "2023-07-10",
      "2.0.0:P 2.1.0:P 2.2.0:P 2.3.0:P 2.3.1:Pw*",
      "Chooses the next offer or coupon to show each loyalty member in the app and in email.",
      "tensorflow", "customer_engagement", "realtime",
      ["basket_size", "days_since_last_purchase", "channel", "loyalty_tier"],
      train="weekly 3 04:00", metric=("auc", 0.712, 0.004, True, 4), preds=5200000, latency=42.0),
    M("product-recommender", RETAIL, "Lucas Ferreira", "production", "medium", 4600000, 24000, "2023-03-13",
      "3.0.0:P 3.1.0:P 3.2.0:P 3.3.0:P 3.4.0:P 3.5.0:Pw* 3.6.0:Dw",
      "Two-tower retrieval and ranking model behind the 'you may also like' carousels on web and app.",
      "pytorch", "clickstream", "realtime", ["session_length", "category_affinity", "device_type"],
      gpu=12.24, train="weekly 6 00:00", metric=("ndcg_at_10", 0.412, 0.004, True, 4),
      preds=28000000, latency=55.0),
    M("markdown-optimizer", RETAIL, "Aisha Rahman", "production", "medium", 1300000, 2200, "2024-01-08",
      "1.0.0:P 1.1.0:P 1.2.0:P*",
      "Recommends end-of-season markdown depth and timing per store cluster.",
      "lightgbm", "inventory", "batch", ["weeks_of_supply", "sell_through_rate", "season_code"],
      train="weekly 0 05:00", metric=("mae", 4.6, 0.15, False, 3), preds=36000, latency=310.0),
    M("basket-completion", RETAIL, "Lucas Ferreira", "staging", "low", 600000, 900, "2025-06-02",
      "0.5.0:D 0.6.0:S 0.7.0:sw*",
      "Suggests add-on items at checkout based on the current basket.",
      "implicit", "transactions", "realtime", ["basket_size", "category_mix"], train="commit 2.0"),
    M("store-labor-forecast", RETAIL, "Kenji Watanabe", "staging", "low", 450000, 600, "2025-05-19",
      "0.2.0:D 0.3.0:S*",
      "Forecasts hourly footfall per store to plan staff rosters two weeks ahead.",
      "prophet", "footfall", "batch", ["footfall_hourly", "local_event_flag"], train="commit 1.0"),
    M("customer-lifetime-value", RETAIL, "Chloe Martin", "development", "medium", 800000, 0, "2025-08-25",
      "0.1.0:D 0.2.0:D 0.3.0:Dw*",
      "Estimates 24-month customer lifetime value for loyalty members to guide acquisition spend.",
      "pymc-marketing", "customer_profile", "batch", ["purchase_frequency"], train="commit 1.5"),
    M("return-risk-classifier", RETAIL, "Aisha Rahman", "development", "low", 0, 0, "2025-11-03",
      "0.1.0:Dw*",
      "Predicts which e-commerce orders are likely to be returned so the site can adjust size advice.",
      "catboost", "ecommerce_orders", "batch", ["size_exchange_history"], train="commit 1.5"),
    M("search-ranking-ltr", RETAIL, "Lucas Ferreira", "development", "medium", 1000000, 250, "2025-09-08",
      "0.1.0:D 0.2.0:Dw*",
      "Learning-to-rank model for product search results on the web shop.",
      "lightgbm", "clickstream", "batch", ["query_length"], train="commit 1.5"),
    M("promo-uplift-legacy", RETAIL, "Kenji Watanabe", "archived", "medium", 0, 0, "2021-03-01",
      "1.0.0:P 1.1.0:P 1.2.0:P 1.3.0:P*",
      "Two-model uplift estimator for circular promotions, superseded by next-best-offer.",
      "scikit-learn", "promotions", "batch", ["promo_depth"], archived_on="2024-03-11"),

    # ---------------- Manufacturing Quality AI ----------------
    M("visual-defect-detector", MFG, "Wei Zhang", "production", "medium", 180000, 21500, "2024-03-11",
      "1.0.0:P 1.1.0:P 1.2.0:P 2.0.0:P 2.1.0:Pw* 2.2.0:sw",
      "Inspects painted body panels on lines 1-3 from 12 line-scan cameras and flags scratches, "
      "dents and inclusions.",
      "pytorch", "vision", "edge",
      ["image_brightness_mean", "camera_id", "line_speed_mpm", "panel_color"], gpu=32.77,
      train="weekly 5 23:00", metric=("f1", 0.912, 0.004, True, 4), preds=410000, latency=95.0,
      train_s=(16500, 24500), extra_tags={"gpu_hours_per_retrain": "6.0"}),
    M("predictive-maintenance-cnc", MFG, "Carlos Mendes", "production", "medium", 1400000, 2600, "2023-05-22",
      "1.3.0:P 1.4.0:P 1.5.0:P 1.6.0:P*",
      "Predicts spindle and tool failures on 84 CNC machining centres 24-72 hours ahead from "
      "vibration and temperature sensors.",
      "xgboost", "sensors", "streaming",
      ["spindle_vibration_rms", "spindle_temp_c", "ambient_temp_c", "tool_wear_minutes",
       "coolant_pressure_bar"],
      train="weekly 0 01:00", metric=("recall", 0.881, 0.006, True, 4), preds=120960, latency=18.0),
    M("yield-optimizer", MFG, "Fatima Al-Sayed", "production", "medium", 2200000, 3400, "2023-11-06",
      "1.0.0:P 1.1.0:P 1.2.0:P 1.3.0:Pw*",
      "Recommends furnace set-points per batch to maximise first-pass yield on the heat-treatment line.",
      "lightgbm", "process", "batch",
      ["furnace_temp_c", "raw_material_lot", "humidity_pct", "ambient_temp_c"],
      train="weekly 2 02:00", metric=("rmse", 1.42, 0.04, False, 3), preds=1400, latency=160.0),
    M("weld-seam-inspector", MFG, "Wei Zhang", "staging", "medium", 520000, 4800, "2025-04-14",
      "0.3.0:D 0.4.0:S 0.5.0:sw*",
      "Detects porosity and undercut in robotic weld seams from thermal and visible images.",
      "pytorch", "vision", "edge", ["weld_current_a", "image_contrast", "robot_cell"], gpu=5.67,
      train="commit 1.5"),
    M("energy-load-forecast", MFG, "Piotr Nowak", "staging", "low", 310000, 450, "2025-06-30",
      "0.1.0:D 0.2.0:S*",
      "Forecasts plant electricity load per 15-minute interval to shift flexible loads off-peak.",
      "darts", "energy", "batch", ["ambient_temp_c", "shift_pattern"], train="commit 1.0"),
    M("supplier-lead-time-predictor", MFG, "Piotr Nowak", "development", "low", 0, 0, "2025-10-30",
      "0.1.0:Dw*",
      "Predicts supplier delivery delays from purchase-order history and logistics signals.",
      "catboost", "procurement", "batch", ["po_lead_time_days"], train="commit 1.2"),
    M("paint-finish-anomaly", MFG, "Fatima Al-Sayed", "development", "medium", 250000, 300, "2025-08-18",
      "0.1.0:D 0.2.0:Dw*",
      "Unsupervised anomaly detection on paint-booth sensor data to catch orange-peel defects early.",
      "pytorch", "sensors", "batch", ["booth_humidity_pct"], gpu=1.21, train="commit 1.5"),
    M("spc-anomaly-legacy", MFG, "Carlos Mendes", "archived", "low", 0, 0, "2020-09-14",
      "1.0.0:P 1.1.0:P*",
      "Rule-based plus isolation-forest SPC monitor that preceded predictive-maintenance-cnc.",
      "scikit-learn", "sensors", "batch", ["spindle_vibration_rms"], archived_on="2024-01-22"),

    # ---------------- ML Platform ----------------
    M("text-embedding-service", PLAT, "Nadia Karim", "production", "medium", 600000, 12500, "2024-05-06",
      "1.0.0:P 1.1.0:P 1.2.0:P 2.0.0:P 2.1.0:Pw*",
      "Shared multilingual sentence-embedding API used by search, support routing and "
      "clinical-note-coder.",
      "sentence-transformers", "text", "realtime",
      ["input_token_count", "language", "embedding_norm"], gpu=16.29,
      train="weekly 6 02:00", metric=("recall_at_10", 0.871, 0.003, True, 4), preds=14000000,
      latency=28.0, extra_tags={"shared": "yes"}),
    M("pii-redaction-ner", PLAT, "Oliver Grant", "production", "high", 500000, 2900, "2024-09-09",
      "1.0.0:P 1.1.0:P 1.2.0:P 1.3.0:P*",
      "Named-entity model that redacts names, addresses and account numbers from free text before "
      "it reaches analytics or LLM prompts.",
      "transformers", "text", "realtime", ["document_length_chars", "language", "source_system"],
      gpu=4.10, train="weekly 2 01:00", metric=("f1", 0.953, 0.003, True, 4), preds=2300000,
      latency=34.0, extra_tags={"shared": "yes"}),
    M("entity-resolution-matcher", PLAT, "Yuki Tanaka", "staging", "medium", 750000, 1900, "2025-02-17",
      "0.7.0:D 0.8.0:S 0.9.0:S 0.10.0:sw*",
      "Matches customer, patient and supplier records across source systems for the master-data hub.",
      "xgboost", "master_data", "batch", ["name_token_count", "source_system"], train="commit 2.0",
      extra_tags={"shared": "yes"}),
    M("reranker-cross-encoder", PLAT, "Nadia Karim", "development", "low", 0, 400, "2025-09-29",
      "0.1.0:D 0.2.0:Dw*",
      "Cross-encoder reranker to sit behind text-embedding-service for higher-precision retrieval.",
      "transformers", "text", "realtime", ["query_length"], gpu=5.67, train="commit 1.5"),
    M("timeseries-anomaly-service", PLAT, "Oliver Grant", "development", "low", 150000, 0, "2025-10-16",
      "0.1.0:Dw*",
      "Generic seasonal anomaly detection offered to all teams for KPI and sensor series.",
      "statsmodels", "timeseries", "batch", ["series_length"], train="commit 1.2"),
    M("word2vec-embeddings-legacy", PLAT, "Yuki Tanaka", "archived", "low", 0, 0, "2019-02-11",
      "1.0.0:P 1.1.0:P*",
      "Word2vec product and query embeddings, replaced by text-embedding-service 2.x.",
      "gensim", "text", "batch", ["query_length"], archived_on="2024-11-04"),
]
MODEL = {m["name"]: m for m in MODEL_SPECS}

# Creation dates for the versions made inside the window that must land on a given day
# (the training run finishing closest to that day registers them).
IN_WINDOW_TARGETS = {
    ("card-fraud-detector", "3.2.0"): date(2025, 12, 1),
    ("card-fraud-detector", "3.3.0"): date(2026, 1, 8),
    ("churn-propensity", "1.10.0"): date(2025, 11, 2),
    ("credit-limit-optimizer", "2.4.0"): date(2025, 11, 8),
    ("readmission-risk-30d", "4.2.0"): date(2025, 11, 16),
    ("radiology-triage-cxr", "1.3.0"): date(2025, 10, 25),
    ("next-best-offer", "2.3.1"): date(2025, 12, 16),
    ("product-recommender", "3.5.0"): date(2025, 11, 8),
    ("product-recommender", "3.6.0"): date(2026, 1, 3),
    ("visual-defect-detector", "2.1.0"): date(2025, 11, 22),
    ("visual-defect-detector", "2.2.0"): date(2026, 1, 3),
    ("yield-optimizer", "1.3.0"): date(2025, 12, 9),
    ("text-embedding-service", "2.1.0"): date(2025, 10, 25),
}
# Approval times fixed by a story (the format doc's example uses card-fraud-detector 3.2.0).
APPROVAL_OVERRIDES = {
    ("card-fraud-detector", "3.2.0"): T("2025-12-03T16:00:00Z"),
    ("readmission-risk-30d", "4.2.0"): T("2025-11-26T16:00:00Z"),
    ("retail-demand-forecast", "2.4.0"): T("2025-12-08T10:00:00Z"),
}


def build_models():
    rng = RNG_MODELS
    models = []
    for spec in MODEL_SPECS:
        team = TEAM[spec["team"]]
        created = at(spec["created"], *divmod(rng.randint(9 * 60, 17 * 60), 60), rng.randrange(60))
        tokens = spec["vspec"].split()
        versions = []
        for tok in tokens:
            v, code = tok.split(":")
            stage, approval = VERSION_CODES[code[0]]
            versions.append({"version": v, "stage": stage, "approval_status": approval,
                             "in_window": "w" in code, "current": "*" in code,
                             "created_at": None, "approved_by": None, "approved_at": None})
        assert sum(v["current"] for v in versions) == 1, spec["name"]
        # Pre-window versions are spread between the model's creation and the window start
        # (or its archival).
        pre = [v for v in versions if not v["in_window"]]
        end = at(spec["archived_on"]) - timedelta(days=30) if spec["archived_on"] else \
            WINDOW_START - timedelta(days=12)
        span = (end - created).total_seconds()
        assert span > 0 or not pre, spec["name"]
        for i, v in enumerate(pre):
            frac = (i + 0.25 + 0.5 * rng.random()) / max(1, len(pre))
            day = (created + timedelta(seconds=span * frac)).date()
            v["created_at"] = biz_time(day, rng, 9, 18)
            if i == 0 and v["created_at"] < created:
                v["created_at"] = created + timedelta(hours=3)
        for v in pre:
            set_approval(spec, team, v, rng, latest=WINDOW_START - timedelta(days=1))
        current = next(v for v in versions if v["current"])
        model = {
            "spec": spec, "name": spec["name"], "team": spec["team"], "owner": spec["owner"],
            "stage": spec["stage"], "created_at": created, "versions": versions,
            "version": current["version"],
        }
        models.append(model)
    return models


def set_approval(spec, team, v, rng, latest):
    """Approval fields from the version's stage code; regulated teams go through a committee."""
    if v["approval_status"] == "pending":
        return
    key = (spec["name"], v["version"])
    if key in APPROVAL_OVERRIDES:
        v["approved_at"] = APPROVAL_OVERRIDES[key]
    else:
        if team["regulated"]:
            days = rng.randint(5, 9) if v["stage"] == "production" else rng.randint(3, 8)
        else:
            days = rng.randint(1, 3)
        day = (v["created_at"] + timedelta(days=days)).date()
        t = at(day, rng.randint(14, 17), rng.choice([0, 15, 30, 45]))
        if t > latest:
            t = max(v["created_at"] + timedelta(hours=4), latest - timedelta(hours=rng.randint(2, 30)))
        v["approved_at"] = t
    if v["stage"] == "production" or v["approval_status"] == "rejected":
        v["approved_by"] = team["approver"]
    else:
        v["approved_by"] = team["approver"] if team["regulated"] else team["lead"]
    assert v["approved_at"] > v["created_at"], (spec["name"], v["version"])


# --------------------------------------------------------------------------------------
# Pipelines
# --------------------------------------------------------------------------------------

DOW_NAMES = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


def parse_cadence(text):
    """'daily HH:MM' | 'weekly D HH:MM' (D: 0=Monday) | 'commit R' | 'manual R' (R runs/week)."""
    parts = text.split()
    if parts[0] == "daily":
        h, m = map(int, parts[1].split(":"))
        return {"type": "daily", "h": h, "m": m, "cron": f"{m} {h} * * *"}
    if parts[0] == "weekdays":
        h, m = map(int, parts[1].split(":"))
        return {"type": "weekdays", "h": h, "m": m, "cron": f"{m} {h} * * 1-5"}
    if parts[0] == "weekly":
        d = int(parts[1])
        h, m = map(int, parts[2].split(":"))
        return {"type": "weekly", "dow": d, "h": h, "m": m, "cron": f"{m} {h} * * {(d + 1) % 7}"}
    if parts[0] in ("commit", "manual"):
        return {"type": parts[0], "rate": float(parts[1]),
                "cron": "on commit" if parts[0] == "commit" else "manual"}
    raise ValueError(text)


EVAL_PIPES = [
    ("card-fraud-detector-eval", "card-fraud-detector", "daily 05:00",
     "Nightly champion/challenger evaluation on the last 7 days of labelled authorizations."),
    ("credit-limit-optimizer-eval", "credit-limit-optimizer", "weekly 2 04:00",
     "Weekly out-of-time evaluation with fair-lending disparity checks."),
    ("readmission-risk-30d-eval", "readmission-risk-30d", "weekly 0 04:00",
     "Weekly evaluation on discharges whose 30-day outcome is now known, by site and age band."),
    ("sepsis-early-warning-eval", "sepsis-early-warning", "weekly 0 05:00",
     "Weekly sensitivity and alert-burden review against chart-confirmed sepsis cases."),
    ("radiology-triage-cxr-eval", "radiology-triage-cxr", "weekly 2 05:00",
     "Evaluation on radiologist-confirmed studies, per scanner model."),
    ("retail-demand-forecast-backtest", "retail-demand-forecast", "weekly 0 04:30",
     "Rolling-origin backtest of the last 8 weeks against actual sales."),
    ("product-recommender-offline-eval", "product-recommender", "weekly 1 06:00",
     "Offline NDCG/recall replay on last week's sessions."),
    ("predictive-maintenance-cnc-eval", "predictive-maintenance-cnc", "weekly 0 04:00",
     "Evaluation against confirmed maintenance work orders from the CMMS."),
    ("text-embedding-service-benchmark", "text-embedding-service", "weekly 0 06:00",
     "Retrieval benchmark on the internal search and support-routing test sets."),
]

DV_PIPES = [
    ("fraud-transactions-data-validation", FRAUD, "daily 01:15", "schedule",
     ["card-fraud-detector", "aml-transaction-monitor", "credit-limit-optimizer", "churn-propensity"],
     "Great Expectations suite on the nightly authorization, wire and bureau extracts."),
    ("clinical-data-validation", CLIN, "daily 00:30", "schedule",
     ["readmission-risk-30d", "sepsis-early-warning", "no-show-predictor", "radiology-triage-cxr"],
     "Completeness and range checks on the EHR and PACS extracts before scoring."),
    ("retail-sales-data-validation", RETAIL, "daily 02:40", "api",
     ["retail-demand-forecast", "price-elasticity", "next-best-offer", "markdown-optimizer",
      "product-recommender"],
     "Checks the nightly POS and e-commerce sales load; triggered by the Airflow DAG retail_daily_sales."),
    ("mes-sensor-data-validation", MFG, "daily 00:10", "api",
     ["predictive-maintenance-cnc", "yield-optimizer", "visual-defect-detector"],
     "Checks MES and sensor historian exports; triggered by the Airflow DAG mes_daily_ingest."),
    ("feature-store-validation", PLAT, "weekdays 01:00", "schedule",
     ["text-embedding-service", "pii-redaction-ner"],
     "Freshness and schema checks on the shared feature store tables."),
]

DV_SCHEDULE_TEXT = {
    "retail-sales-data-validation": "airflow: retail_daily_sales (after POS load)",
    "mes-sensor-data-validation": "airflow: mes_daily_ingest",
}

DEPLOY_SCHEDULE = {
    "readmission-risk-30d-deploy": "manual",
    "product-recommender-deploy": "on commit; release train 0 10 * * 2",
}


def build_pipelines(models):
    pipes = []
    for m in models:
        spec = m["spec"]
        if spec["train"] is None:
            continue
        cad = parse_cadence(spec["train"])
        pipes.append({
            "name": f"{m['name']}-train", "team": m["team"], "kind": "training",
            "schedule": cad["cron"], "cadence": cad, "models": [m["name"]],
            "description": f"Retrains {m['name']} ({spec['framework']}) and registers the candidate in MLflow.",
        })
        if m["stage"] in ("production", "staging"):
            name = f"{m['name']}-deploy"
            env = "production (canary, then full rollout)" if m["stage"] == "production" else "the staging cluster"
            pipes.append({
                "name": name, "team": m["team"], "kind": "deployment",
                "schedule": DEPLOY_SCHEDULE.get(name, "on commit"), "cadence": None,
                "models": [m["name"]],
                "description": f"Builds the serving image and rolls {m['name']} out to {env}.",
            })
    for name, model, cadence, desc in EVAL_PIPES:
        cad = parse_cadence(cadence)
        pipes.append({"name": name, "team": MODEL[model]["team"], "kind": "evaluation",
                      "schedule": cad["cron"], "cadence": cad, "models": [model], "description": desc})
    for name, team, cadence, trig, ms, desc in DV_PIPES:
        cad = parse_cadence(cadence)
        pipes.append({"name": name, "team": team, "kind": "data_validation",
                      "schedule": DV_SCHEDULE_TEXT.get(name, cad["cron"]), "cadence": cad,
                      "models": ms, "trigger": trig, "description": desc})
    return pipes


# --------------------------------------------------------------------------------------
# Errors
# --------------------------------------------------------------------------------------

def err_pg(ctx):
    rng = ctx["rng"]
    host, ip = rng.choice([("pg-features.internal", "10.20.4.17"), ("ehr-replica-02.db.internal", "10.31.8.44"),
                           ("dwh-pg.prod.internal", "10.20.9.201"), ("mes-historian-pg.plant2.internal", "10.52.1.12")])
    return ("psycopg2.OperationalError: could not connect to server: Connection timed out. "
            f"Is the server running on host \"{host}\" ({ip}) and accepting TCP/IP connections on port 5432?")


def err_s3(ctx, op="GetObject"):
    rng = ctx["rng"]
    day = ctx["when"].date().isoformat()
    bucket = "acme-ml-" + ctx["model"]["spec"]["domain"].replace("_", "-")
    return (f"botocore.exceptions.ClientError: An error occurred (AccessDenied) when calling the {op} "
            f"operation: Access Denied (s3://{bucket}/{ctx['model']['name']}/dt={day}/part-{rng.randrange(64):05d}.snappy.parquet)")


def err_s3_put(ctx):
    return err_s3(ctx, "PutObject").replace(".snappy.parquet", "-report.html")


def err_fs_timeout(ctx):
    rng = ctx["rng"]
    fv = rng.choice(["aggregates_7d", "entity_profile", "daily_rollup", "online_features"])
    n = rng.randint(200, 4000) * 1000
    return (f"TimeoutError: feature store request timed out after {rng.choice([300, 600, 900])}s "
            f"(get_historical_features, feature_view='{ctx['model']['name'].split('-')[0]}_{fv}', entity_rows={n:,})")


def err_nan(ctx):
    return "ValueError: Input X contains NaN."


def err_schema(ctx):
    rng = ctx["rng"]
    f = rng.choice(ctx["model"]["spec"]["features"])
    return f"pandera.errors.SchemaError: column '{f}' has dtype 'object', expected 'float64'"


def cuda_oom(rng):
    total = rng.choice([39.59, 79.15, 22.19])
    alloc = round(total * rng.uniform(0.86, 0.93), 2)
    free = round(rng.uniform(0.2, 1.4), 2)
    reserved = round(min(total - free, alloc + rng.uniform(0.3, 1.5)), 2)
    tried = round(rng.choice([1.0, 2.0, 2.5, 3.0, 4.0, 6.0]) * rng.choice([0.5, 1.0, 1.25]), 2)
    return (f"torch.cuda.OutOfMemoryError: CUDA out of memory. Tried to allocate {tried:.2f} GiB "
            f"(GPU {rng.randrange(8)}; {total:.2f} GiB total capacity; {alloc:.2f} GiB already allocated; "
            f"{free:.2f} GiB free; {reserved:.2f} GiB reserved in total by PyTorch)")


def err_train(ctx):
    rng = ctx["rng"]
    if ctx["model"]["spec"]["gpu"] > 0:
        return cuda_oom(rng)
    fw = ctx["model"]["spec"]["framework"]
    if fw == "xgboost" and rng.random() < 0.5:
        return ("xgboost.core.XGBoostError: [%02d:%02d:%02d] ../src/data/data.cc:509: Check failed: valid: "
                "Label contains NaN, infinity or a value too large." % (rng.randrange(24), rng.randrange(60), rng.randrange(60)))
    return (f"Pod {ctx['pipeline']}-{rng.getrandbits(20):05x} OOMKilled: container 'trainer' exceeded "
            f"its memory limit of {rng.choice([32, 64, 128])}Gi (exit code 137)")


GATE_LABEL = {"auc": "AUC", "recall": "recall", "f1": "F1", "ndcg_at_10": "NDCG@10",
              "recall_at_10": "recall@10", "mape": "MAPE", "rmse": "RMSE", "mae": "MAE"}


def err_gate(ctx):
    rng = ctx["rng"]
    spec = ctx["model"]["spec"]
    metric = spec["metric"] or ("auc", 0.8, 0.01, True, 4)
    name, base, sd, higher, _ = metric
    label = GATE_LABEL.get(name, name)
    if name == "mape":
        champ = base + rng.uniform(-0.3, 0.6)
        gate = round(champ * 1.05 + 0.5)
        cand = gate + rng.uniform(0.2, 2.5)
        return f"MAPE {cand:.1f}% above promotion gate {gate:.1f}% (champion {champ:.1f}%)"
    if higher:
        champ = base + rng.uniform(-0.002, 0.004)
        gate = math.floor((champ - 0.01) * 100) / 100
        cand = gate - rng.uniform(0.003, 0.03)
        return f"{label} {cand:.3f} below promotion gate {gate:.3f} (champion {champ:.3f})"
    champ = base * rng.uniform(0.97, 1.03)
    gate = champ * 1.05
    cand = gate * rng.uniform(1.01, 1.12)
    return f"{label} {cand:.3f} above promotion gate {gate:.3f} (champion {champ:.3f})"


def err_mlflow(ctx):
    return ("mlflow.exceptions.MlflowException: API request to endpoint /api/2.0/mlflow/model-versions/create "
            "failed with error code 503 != 200. Response body: 'upstream connect error or disconnect/reset before headers'")


def err_build(ctx):
    rng = ctx["rng"]
    return rng.choice([
        "ERROR: failed to solve: process \"/bin/sh -c pip install --no-cache-dir -r requirements.txt\" "
        "did not complete successfully: exit code: 1",
        "ERROR: failed to solve: python:3.11-slim: failed to resolve source metadata for "
        "docker.io/library/python:3.11-slim: 429 Too Many Requests",
    ])


def err_push(ctx):
    return ("denied: User: arn:aws:sts::123456789012:assumed-role/ci-runner/gha is not authorized to perform: "
            f"ecr:InitiateLayerUpload on resource: arn:aws:ecr:us-east-1:123456789012:repository/ml/{ctx['model']['name']}")


def err_kubectl(ctx):
    return f"kubectl rollout status: deployment \"{ctx['model']['name']}\" exceeded its progress deadline"


def err_pull(ctx):
    name, ver = ctx["model"]["name"], ctx.get("version") or "latest"
    image = f"123456789012.dkr.ecr.us-east-1.amazonaws.com/ml/{name}:{ver}"
    return (f"Failed to pull image \"{image}\": ErrImagePull: rpc error: code = NotFound desc = failed to pull "
            f"and unpack image \"{image}\": failed to resolve reference \"{image}\": {image}: not found "
            "(manifest unknown)")


def err_smoke(ctx):
    rng = ctx["rng"]
    name = ctx["model"]["name"]
    if rng.random() < 0.5:
        return f"smoke test failed: POST /v2/models/{name}/infer returned 503 for {rng.randint(4, 20)}/20 requests"
    budget = max(50, int((ctx["model"]["spec"]["latency"] or 100) * 2))
    return f"smoke test failed: p95 latency {int(budget * rng.uniform(1.3, 3.0))} ms exceeds the {budget} ms budget"


def err_promote(ctx):
    rng = ctx["rng"]
    return (f"AnalysisRun '{ctx['model']['name']}-canary-{rng.getrandbits(16):04x}' failed: metric 'http-5xx-rate' "
            f"= {rng.uniform(1.2, 4.8):.1f}% > 1.0% for 3 consecutive intervals")


def err_load_model(ctx):
    return (f"mlflow.exceptions.RestException: RESOURCE_DOES_NOT_EXIST: Registered Model with "
            f"name={ctx['model']['name']} and alias 'challenger' not found")


def err_ge_schema(ctx):
    rng = ctx["rng"]
    f = rng.choice(ctx["model"]["spec"]["features"])
    return (f"great_expectations: expect_table_columns_to_match_set failed: missing column '{f}', "
            f"unexpected column '{f}_v2'")


def err_ge_values(ctx, feature=None):
    rng = ctx["rng"]
    f = feature or rng.choice(ctx["model"]["spec"]["features"])
    n = rng.randint(40, 4000) * 1000 + rng.randrange(1000)
    if f in CATEGORICAL:
        pct = rng.uniform(2.0, 18.0)
        return (f"Great Expectations: expect_column_values_to_be_in_set failed for column \"{f}\": "
                f"{pct:.1f}% of {n:,} rows unexpected (mostly=0.99)")
    if rng.random() < 0.5:
        pct = rng.uniform(1.5, 15.0)
        return (f"Great Expectations: expect_column_values_to_not_be_null failed for column \"{f}\": "
                f"{pct:.1f}% of {n:,} rows null (mostly=0.99)")
    pct = rng.uniform(0.8, 9.0)
    return (f"Great Expectations: expect_column_values_to_be_between failed for column \"{f}\": "
            f"{pct:.2f}% of {n:,} rows outside the expected range (mostly=0.995)")


def err_profile(ctx):
    rng = ctx["rng"]
    gib = rng.uniform(6, 24)
    return (f"numpy.core._exceptions._ArrayMemoryError: Unable to allocate {gib:.1f} GiB for an array with "
            f"shape ({int(gib * 2 ** 30 / 8)},) and data type float64")


FAILURES = {
    "training": [("fetch_data", 3, err_pg), ("fetch_data", 2, err_s3), ("fetch_data", 2, err_fs_timeout),
                 ("validate_schema", 1, err_schema), ("build_features", 3, err_nan), ("train", 4, err_train),
                 ("evaluate", 4, err_gate), ("register_model", 1, err_mlflow)],
    "deployment": [("build_image", 2, err_build), ("push_image", 1, err_push), ("deploy_canary", 3, err_kubectl),
                   ("deploy_canary", 2, err_pull), ("smoke_test", 2, err_smoke), ("promote", 2, err_promote)],
    "evaluation": [("load_model", 1, err_load_model), ("load_model", 1, err_s3), ("score_holdout", 2, err_nan),
                   ("score_holdout", 2, err_pg), ("score_holdout", 1, err_fs_timeout),
                   ("compare_champion", 6, err_gate), ("publish_report", 1, err_s3_put)],
    "data_validation": [("load_batch", 3, err_pg), ("load_batch", 2, err_s3), ("load_batch", 1, err_fs_timeout),
                        ("check_schema", 2, err_ge_schema), ("check_expectations", 8, err_ge_values),
                        ("profile", 1, err_profile)],
}

PIPELINE_FAILURES = {
    "readmission-risk-30d-deploy": [("deploy_canary", 12, err_kubectl), ("smoke_test", 1, err_smoke),
                                    ("build_image", 1, err_build)],
    "visual-defect-detector-train": [("train", 10, lambda c: cuda_oom(c["rng"])), ("fetch_data", 1, err_s3),
                                     ("evaluate", 1, err_gate)],
    "next-best-offer-deploy": [("deploy_canary", 5, err_pull), ("smoke_test", 1, err_smoke),
                               ("promote", 1, err_promote)],
    "clinical-data-validation": [("check_expectations", 6, lambda c: err_ge_values(c, c["rng"].choice(
        ["hba1c", "lactate", "discharge_disposition", "hba1c"]))), ("load_batch", 2, err_pg)],
    "mes-sensor-data-validation": [("check_expectations", 5, lambda c: err_ge_values(c, c["rng"].choice(
        ["spindle_vibration_rms", "ambient_temp_c", "coolant_pressure_bar", "line_speed_mpm"]))),
        ("load_batch", 2, err_pg)],
}


def pick_failure(pipe, kind, model, when, rng, version=None, rollback=False):
    options = PIPELINE_FAILURES.get(pipe["name"], FAILURES[kind])
    if pipe["name"] == "retail-sales-data-validation" and BLACK_FRIDAY <= when.date() <= date(2025, 12, 31):
        options = [("check_expectations", 1, lambda c: err_ge_values(c, "units_sold").replace(
            "rows null", "rows null after holiday backfill"))]
    if rollback:
        options = [o for o in options if o[0] in ("deploy_canary", "smoke_test", "promote")] or \
            [("deploy_canary", 1, err_kubectl)]
    step, _, fn = rng.choices(options, weights=[o[1] for o in options])[0]
    ctx = {"rng": rng, "model": model, "pipeline": pipe["name"], "when": when, "version": version}
    return step, fn(ctx)


# --------------------------------------------------------------------------------------
# Runs
# --------------------------------------------------------------------------------------

STEP_NAMES = {
    "training": ["fetch_data", "validate_schema", "build_features", "train", "evaluate", "register_model"],
    "deployment": ["build_image", "push_image", "deploy_canary", "smoke_test", "promote"],
    "evaluation": ["load_model", "score_holdout", "compare_champion", "publish_report"],
    "data_validation": ["load_batch", "check_schema", "check_expectations", "profile"],
}
ROLLBACK_STEPS = ["deploy_canary", "smoke_test", "promote"]

STEP_SECONDS = {
    "fetch_data": (120, 900), "validate_schema": (20, 120), "build_features": (300, 1800),
    "evaluate": (120, 600), "register_model": (15, 60),
    "build_image": (150, 480), "push_image": (40, 180), "deploy_canary": (300, 1200),
    "smoke_test": (60, 300), "promote": (60, 240),
    "load_model": (30, 180), "score_holdout": (240, 1500), "compare_champion": (30, 180),
    "publish_report": (15, 90),
    "load_batch": (60, 420), "check_schema": (10, 60), "check_expectations": (90, 720), "profile": (90, 600),
}


def train_seconds(spec):
    if spec["train_s"]:
        return spec["train_s"]
    if spec["gpu"] >= 10:
        return (7200, 15000)
    if spec["gpu"] > 0:
        return (2400, 9000)
    if spec["train"] and spec["train"].startswith("daily"):
        return (1800, 5400)
    return (600, 2700)


def cpu_rate(spec):
    # Stable per model, independent of the random streams.
    return 1.2 + (sum(map(ord, spec["name"])) % 37) / 10.0


def step_plan(kind, spec, rng, rollback=False):
    names = ROLLBACK_STEPS if rollback else STEP_NAMES[kind]
    plan = []
    for n in names:
        lo, hi = train_seconds(spec) if (kind == "training" and n == "train") else STEP_SECONDS[n]
        if kind == "evaluation" and n == "score_holdout" and spec["gpu"] > 0:
            lo, hi = lo * 2, hi * 3
        plan.append([n, rng.randint(lo, hi)])
    return plan


def run_cost(kind, spec, durations):
    hours = sum(d for _, d in durations) / 3600.0
    if kind == "training":
        train_h = sum(d for n, d in durations if n == "train") / 3600.0
        rate = spec["gpu"] if spec["gpu"] > 0 else cpu_rate(spec)
        cost = train_h * rate + (hours - train_h) * 0.9
    elif kind == "evaluation":
        cost = hours * (spec["gpu"] * 0.25 if spec["gpu"] > 0 else 0.6)
    elif kind == "deployment":
        cost = hours * 0.35
    else:
        cost = hours * 0.8
    return max(0.01, round(cost, 2))


RUNS = []


def make_run(pipe, model, kind, trigger, started_by, queued_at, status, rng, *, start=None, name=None,
             model_version=None, rollback=False, commit=None, failure=None, current_step=None,
             cancel_unfinished=False, tag=None):
    spec = model["spec"]
    if start is None and status != "queued":
        start = queued_at + timedelta(seconds=rng.randint(2, 45))
    plan = step_plan(kind, spec, rng, rollback)
    steps = []
    run = {
        "pipeline": pipe["name"], "model": model["name"], "name": name, "kind": kind, "status": status,
        "trigger": trigger, "started_by": started_by, "model_version": model_version,
        "rollback": rollback, "queued_at": queued_at, "started_at": start if status != "queued" else None,
        "finished_at": None, "commit": commit, "compute_cost": None, "error": None, "steps": steps,
        "_tag": tag,
    }
    if status == "queued":
        for n, _ in plan:
            steps.append({"name": n, "status": "queued"})
        RUNS.append(run)
        return run
    if status == "running":
        elapsed = (ANCHOR - timedelta(seconds=rng.randint(30, 240)) - start).total_seconds()
        before = sum(d for _, d in plan[:current_step])
        scale = min(1.0, 0.8 * elapsed / before) if before else 1.0
        t = start
        for i, (n, d) in enumerate(plan):
            if i < current_step:
                d2 = max(5, int(d * scale))
                steps.append({"name": n, "status": "succeeded", "started_at": t, "finished_at": t + timedelta(seconds=d2)})
                t += timedelta(seconds=d2)
            elif i == current_step:
                steps.append({"name": n, "status": "running", "started_at": t})
            else:
                steps.append({"name": n, "status": "queued"})
        assert t < ANCHOR
        RUNS.append(run)
        return run
    stop_at = len(plan)
    err = None
    if status == "failed":
        if failure is None:
            failure = pick_failure(pipe, kind, model, start, rng, model_version, rollback)
        fstep, err = failure
        stop_at = [n for n, _ in plan].index(fstep)
        d = plan[stop_at][1]
        if fstep == "deploy_canary" and "progress deadline" in err:
            plan[stop_at][1] = 600 + rng.randint(5, 40)
        else:
            plan[stop_at][1] = max(5, int(d * rng.uniform(0.1, 0.95)))
    elif status == "cancelled":
        cancel_unfinished = cancel_unfinished or rng.random() < 0.12
        stop_at = rng.randrange(len(plan))
        plan[stop_at][1] = max(5, int(plan[stop_at][1] * rng.uniform(0.05, 0.9)))
    t = start
    used = []
    for i, (n, d) in enumerate(plan):
        if i < stop_at:
            steps.append({"name": n, "status": "succeeded", "started_at": t, "finished_at": t + timedelta(seconds=d)})
            t += timedelta(seconds=d)
            used.append((n, d))
        elif i == stop_at:
            if status == "failed":
                steps.append({"name": n, "status": "failed", "started_at": t,
                              "finished_at": t + timedelta(seconds=d), "error": err})
            elif cancel_unfinished:
                steps.append({"name": n, "status": "cancelled", "started_at": t})
            else:
                steps.append({"name": n, "status": "cancelled", "started_at": t, "finished_at": t + timedelta(seconds=d)})
            t += timedelta(seconds=d)
            used.append((n, d))
        else:
            steps.append({"name": n, "status": "skipped"})
    if not (status == "cancelled" and cancel_unfinished):
        run["finished_at"] = t
        run["compute_cost"] = run_cost(kind, spec, used)
    run["error"] = err
    RUNS.append(run)
    return run


def decide_status(rng, fail_rate, cancel_rate=0.03):
    x = rng.random()
    if x < fail_rate:
        return "failed"
    if x < fail_rate + cancel_rate:
        return "cancelled"
    return "succeeded"


def person(team_name, rng, exclude_lead=False):
    members = TEAM[team_name]["members"]
    if exclude_lead:
        members = members[1:]
    return rng.choice(members)


def fail_rate_for(pipe, model, when):
    spec = model["spec"]
    name = pipe["name"]
    kind = pipe["kind"]
    if kind == "training":
        if name == "visual-defect-detector-train":
            return 0.24
        if model["stage"] == "development":
            return 0.13
        return 0.10 if spec["gpu"] > 0 else 0.07
    if kind == "evaluation":
        return 0.08
    if kind == "data_validation":
        if name == "retail-sales-data-validation":
            return 0.35 if BLACK_FRIDAY <= when.date() <= date(2025, 12, 31) else 0.05
        return {"clinical-data-validation": 0.15, "mes-sensor-data-validation": 0.10,
                "fraud-transactions-data-validation": 0.05, "feature-store-validation": 0.04}[name]
    raise ValueError(kind)


def active_range(model):
    spec = model["spec"]
    lo = max(at(FIRST_DAY), model["created_at"] + timedelta(hours=2))
    hi = SEED_CUTOFF
    if spec["archived_on"]:
        hi = min(hi, at(spec["archived_on"]) - timedelta(hours=12))
    return lo, hi


def scheduled_seeds(cad, lo, hi):
    out = []
    for day in DAYS:
        if cad["type"] == "weekly" and day.weekday() != cad["dow"]:
            continue
        if cad["type"] == "weekdays" and day.weekday() >= 5:
            continue
        t = at(day, cad["h"], cad["m"])
        if lo <= t <= hi:
            out.append(t)
    return out


def adhoc_seeds(rate, lo, hi, rng):
    out = []
    for day in DAYS:
        p = rate / 5.0 if day.weekday() < 5 else rate / 30.0
        if rng.random() < p:
            t = biz_time(day, rng)
            if lo <= t <= hi:
                out.append(t)
    return out


def gen_scheduled_runs(pipes, models_by_name, alerts):
    """Training, evaluation and data-validation runs (deployments come later)."""
    rng = RNG_RUNS
    for pipe in pipes:
        if pipe["kind"] == "deployment":
            continue
        cad = pipe["cadence"]
        kind = pipe["kind"]
        if kind == "data_validation":
            rot = pipe["models"]
            lo, hi = at(FIRST_DAY), SEED_CUTOFF
            for i, t in enumerate(scheduled_seeds(cad, lo, hi)):
                mname = rot[i % len(rot)]
                if pipe["name"] == "retail-sales-data-validation" and BLACK_FRIDAY <= t.date() <= date(2025, 12, 31) \
                        and rng.random() < 0.5:
                    mname = "retail-demand-forecast"
                model = models_by_name[mname]
                trig = pipe["trigger"]
                by = "api:airflow" if trig == "api" else "scheduler"
                queued = t + timedelta(seconds=rng.randint(0, 20) if trig == "schedule" else rng.randint(60, 1500))
                status = decide_status(rng, fail_rate_for(pipe, model, queued))
                r = make_run(pipe, model, kind, trig, by, queued, status, rng)
                maybe_rerun(pipe, model, r, rng)
            continue
        model = models_by_name[pipe["models"][0]]
        lo, hi = active_range(model)
        if cad["type"] in ("daily", "weekly", "weekdays"):
            label = ("nightly-retrain" if cad["type"] == "daily" else "weekly-retrain") if kind == "training" else \
                ("nightly-champion-challenger" if cad["type"] == "daily" else "weekly-eval")
            if pipe["name"] == "retail-demand-forecast-backtest":
                label = "weekly-backtest"
            for t in scheduled_seeds(cad, lo, hi):
                queued = t + timedelta(seconds=rng.randint(0, 15))
                start = queued + timedelta(seconds=rng.randint(5, 60))
                if model["spec"]["gpu"] > 0 and kind == "training":
                    start += timedelta(seconds=rng.randint(60, 1500))  # waiting for a GPU node
                status = decide_status(rng, fail_rate_for(pipe, model, queued))
                failure = None
                if pipe["name"] == "credit-limit-optimizer-eval" and t.date() == date(2025, 11, 12):
                    status = "failed"
                    failure = ("compare_champion", "AUC 0.781 below promotion gate 0.800 (champion 0.812)")
                r = make_run(pipe, model, kind, "schedule", "scheduler", queued, status, rng, start=start,
                             name=label, failure=failure)
                maybe_rerun(pipe, model, r, rng)
        else:
            for t in adhoc_seeds(cad["rate"] * 0.6, lo, hi, rng):
                if cad["type"] == "commit" and rng.random() < 0.75:
                    trig, by, commit, label = "commit", "ci-bot", sha(rng), None
                else:
                    trig, by, commit, label = "manual", person(model["team"], rng, True), None, \
                        rng.choice(["experiment", "hparam-sweep", None, None])
                status = decide_status(rng, fail_rate_for(pipe, model, t))
                make_run(pipe, model, kind, trig, by, t, status, rng, commit=commit, name=label)
    # Drift-triggered retraining runs, started by the drift monitor shortly after an alert opened.
    train_pipe = {p["models"][0]: p for p in pipes if p["kind"] == "training"}
    for a in alerts:
        model = models_by_name[a["model"]]
        if a.get("_story") or model["stage"] != "production" or a["model"] not in train_pipe:
            continue
        if rng.random() < 0.45:
            t = a["opened_at"] + timedelta(seconds=rng.randint(300, 7200))
            if t > SEED_CUTOFF:
                continue
            pipe = train_pipe[a["model"]]
            status = decide_status(rng, fail_rate_for(pipe, model, t))
            make_run(pipe, model, "training", "drift", "drift-monitor", t, status, rng, name="drift-retrain")


def maybe_rerun(pipe, model, run, rng):
    if run["status"] != "failed" or rng.random() > 0.35:
        return
    t = run["finished_at"] + timedelta(seconds=rng.randint(1800, 5 * 3600))
    if t > SEED_CUTOFF:
        return
    team = pipe["team"]
    status = rng.choices(["succeeded", "failed", "cancelled"], [0.85, 0.10, 0.05])[0]
    make_run(pipe, model, pipe["kind"], "manual", person(team, rng, True), t, status, rng, name="rerun")


def story_runs(pipes, models_by_name):
    """Retail story: drift retrain on 2025-12-03 fails, the one on 2025-12-06 succeeds (2.4.0)."""
    rng = RNG_RUNS
    pipe = next(p for p in pipes if p["name"] == "retail-demand-forecast-train")
    model = models_by_name["retail-demand-forecast"]
    make_run(pipe, model, "training", "drift", "drift-monitor", T("2025-12-03T07:12:40Z"), "failed", rng,
             name="drift-retrain", failure=("build_features", "ValueError: Input X contains NaN."),
             tag="retail-drift-failed")
    make_run(pipe, model, "training", "drift", "drift-monitor", T("2025-12-06T10:03:05Z"), "succeeded", rng,
             name="drift-retrain", model_version="2.4.0", tag="retail-drift-succeeded")


def link_versions(models):
    """Give in-window versions the finish time of the training run that registered them."""
    rng = RNG_MODELS
    for m in models:
        spec = m["spec"]
        team = TEAM[m["team"]]
        pending = [v for v in m["versions"] if v["in_window"]]
        if not pending:
            continue
        runs = sorted((r for r in RUNS if r["model"] == m["name"] and r["kind"] == "training"
                       and r["status"] == "succeeded"), key=lambda r: r["finished_at"])
        lo = max(at(FIRST_DAY) + timedelta(days=5), m["created_at"] + timedelta(days=2))
        hi = ANCHOR - timedelta(days=3)
        free = [v for v in pending if (m["name"], v["version"]) not in IN_WINDOW_TARGETS
                and not any(r["model_version"] == v["version"] for r in runs)]
        used_after = lo
        targets = {}
        for v in pending:
            key = (m["name"], v["version"])
            if key in IN_WINDOW_TARGETS:
                targets[v["version"]] = at(IN_WINDOW_TARGETS[key], 12)
        # default targets spread over what is left of the window, after any fixed ones before them
        for i, v in enumerate(free):
            prev_fixed = [targets[p["version"]] for p in pending[:pending.index(v)] if p["version"] in targets]
            start = max([lo] + [t + timedelta(days=4) for t in prev_fixed])
            frac = (i + 0.3 + 0.4 * rng.random()) / len(free)
            targets[v["version"]] = start + (hi - start) * frac
        last = None
        for v in pending:
            preset = [r for r in runs if r["model_version"] == v["version"]]
            if preset:
                run = preset[0]
            else:
                target = targets[v["version"]]
                cands = [r for r in runs if r["model_version"] is None and r["_tag"] is None
                         and r["finished_at"] <= ANCHOR - timedelta(hours=20)
                         and (last is None or r["finished_at"] > last + timedelta(days=1))]
                assert cands, (m["name"], v["version"])
                run = min(cands, key=lambda r: abs((r["finished_at"] - target).total_seconds()))
                run["model_version"] = v["version"]
            v["created_at"] = run["finished_at"]
            last = run["finished_at"]
            set_approval(spec, team, v, rng, latest=ANCHOR - timedelta(hours=3))
        # versions must be created in list order
        times = [v["created_at"] for v in m["versions"]]
        assert times == sorted(times), (m["name"], [iso(t) for t in times])


# ---------------------------- deployments ----------------------------

def eligible_version(m, t, hold):
    if m["stage"] == "production":
        cands = [v for v in m["versions"] if v["stage"] == "production" and v["approved_at"] is not None
                 and v["approved_at"] <= t - timedelta(minutes=5)]
    else:
        cands = [v for v in m["versions"] if v["stage"] == "staging" and v["approval_status"] != "rejected"
                 and v["created_at"] <= t - timedelta(minutes=30)]
    if hold and hold[1] <= t < hold[2]:
        cands = [v for v in cands if v["version"] != hold[0]]
    return cands[-1]["version"]


# Releases whose first (registry-webhook) rollout fails and is rolled back.
FORCED_RELEASE_FAILURES = {
    "readmission-risk-30d": ("deploy_canary", err_kubectl),
    "text-embedding-service": ("promote", err_promote),
}

CARD_FRAUD_HOLD = ("3.2.0", T("2025-12-05T00:00:00Z"), T("2025-12-09T14:00:00Z"))


def gen_deployments(pipes, models):
    rng = RNG_DEPLOY
    by_name = {m["name"]: m for m in models}
    rollbacks = []
    for pipe in pipes:
        if pipe["kind"] != "deployment":
            continue
        m = by_name[pipe["models"][0]]
        team = m["team"]
        prod = m["stage"] == "production"
        lo, hi = active_range(m)
        seeds = []
        flaky = pipe["name"] == "readmission-risk-30d-deploy"
        rate = 1.6 if flaky else (0.9 if prod else 0.7)
        for t in adhoc_seeds(rate, lo, hi, rng):
            if flaky or rng.random() < 0.2:
                seeds.append({"t": t, "trigger": "manual", "by": person(team, rng)})
            else:
                seeds.append({"t": t, "trigger": "commit", "by": "ci-bot"})
        if pipe["name"] == "product-recommender-deploy":
            for t in scheduled_seeds({"type": "weekly", "dow": 1, "h": 10, "m": 0}, lo, hi):
                seeds.append({"t": t, "trigger": "schedule", "by": "scheduler", "name": "weekly-release"})
        # registry webhook: deploy as soon as a version becomes eligible
        for v in m["versions"]:
            if not v["in_window"]:
                continue
            if prod and v["stage"] == "production":
                t0 = v["approved_at"]
            elif not prod and v["stage"] == "staging" and v["approval_status"] != "rejected":
                t0 = v["created_at"] + timedelta(minutes=30)
            else:
                continue
            t = t0 + timedelta(seconds=rng.randint(400, 2400))
            if t <= hi:
                seed = {"t": t, "trigger": "api", "by": "api:mlflow-webhook", "name": f"release-{v['version']}"}
                if m["name"] in FORCED_RELEASE_FAILURES and v["version"] == m["version"]:
                    seed["force"] = "failed"
                    seed["failure"] = FORCED_RELEASE_FAILURES[m["name"]]
                seeds.append(seed)
        if m["name"] == "card-fraud-detector":
            seeds = [s for s in seeds if not (T("2025-12-03T12:00:00Z") <= s["t"] <= T("2025-12-10T00:00:00Z"))]
            seeds.append({"t": T("2025-12-03T16:12:31Z"), "trigger": "api", "by": "api:mlflow-webhook",
                          "name": "release-3.2.0", "force": "succeeded"})
            seeds.append({"t": T("2025-12-05T09:41:07Z"), "trigger": "manual", "by": "Priya Raman",
                          "rollback": True, "force": "succeeded", "tag": "card-fraud-rollback"})
            seeds.append({"t": T("2025-12-09T14:10:52Z"), "trigger": "manual", "by": "Priya Raman",
                          "name": "canary-rollout", "force": "succeeded"})
        hold = CARD_FRAUD_HOLD if m["name"] == "card-fraud-detector" else None
        seeds.sort(key=lambda s: s["t"])
        deployed = eligible_version(m, at(FIRST_DAY), None)
        prev_deployed = None
        busy_until = at(FIRST_DAY)
        i = 0
        commits = {}
        while i < len(seeds):
            s = seeds[i]
            i += 1
            if s["t"] < busy_until + timedelta(minutes=5):
                continue
            is_last = not any(x["t"] >= s["t"] for x in seeds[i:])
            if s.get("rollback"):
                to_prev = bool(s.get("tag") or s.get("to_prev"))
                version = prev_deployed if to_prev else deployed
                status = s.get("force", "succeeded")
                r = make_run(pipe, m, "deployment", s["trigger"], s["by"], s["t"], status, rng,
                             name=f"rollback-to-{version}", model_version=version, rollback=True,
                             commit=commits.get(version) or sha(rng), tag=s.get("tag"))
                rollbacks.append(r)
                if status == "succeeded" and to_prev:
                    deployed, prev_deployed = version, deployed
                busy_until = r["finished_at"]
                continue
            target = eligible_version(m, s["t"], hold)
            new = target != deployed
            if "force" in s:
                status = s["force"]
            elif is_last and (target != m["version"] or deployed != m["version"]):
                status = "succeeded"
                target = m["version"]
                new = target != deployed
            else:
                if flaky:
                    fr = 0.6 if new else 0.32  # new versions stall on the progress deadline most often
                else:
                    fr = 0.12 if pipe["name"] == "next-best-offer-deploy" else 0.045
                status = decide_status(rng, fr, 0.035)
            name = s.get("name") or ("canary-rollout" if prod else "staging-deploy")
            commit = sha(rng)
            failure = None
            if "failure" in s:
                step, fn = s["failure"]
                failure = (step, fn({"rng": rng, "model": m, "pipeline": pipe["name"], "when": s["t"],
                                     "version": target}))
            r = make_run(pipe, m, "deployment", s["trigger"], s["by"], s["t"], status, rng, name=name,
                         model_version=target, commit=commit, failure=failure)
            busy_until = r["finished_at"] or (s["t"] + timedelta(hours=1))
            if status == "succeeded":
                commits[target] = commit
                if new:
                    prev_deployed, deployed = deployed, target
            elif status == "failed" and prod and new and r["steps"][2]["status"] != "skipped" \
                    and ("failure" in s or rng.random() < (0.8 if flaky else 0.6)):
                # the half-finished rollout of the new version is rolled back to the running one
                t = r["finished_at"] + timedelta(seconds=rng.randint(600, 2700))
                seeds.insert(i, {"t": t, "trigger": "manual", "by": person(team, rng), "rollback": True})
            elif status == "failed" and flaky and prev_deployed and r["steps"][2]["status"] != "skipped" \
                    and rng.random() < 0.5:
                # a stalled redeploy: on-call goes back to the last known-good version
                t = r["finished_at"] + timedelta(seconds=rng.randint(600, 2700))
                seeds.insert(i, {"t": t, "trigger": "manual", "by": person(team, rng), "rollback": True,
                                 "to_prev": True})
        if deployed != m["version"]:
            # close the story: a final manual rollout of the current version
            t = max(busy_until + timedelta(minutes=20), SEED_CUTOFF - timedelta(hours=20)) \
                + timedelta(seconds=rng.randint(0, 3000))
            assert t <= SEED_CUTOFF, m["name"]
            r = make_run(pipe, m, "deployment", "manual", person(team, rng), t, "succeeded", rng,
                         name="canary-rollout" if prod else "staging-deploy", model_version=m["version"],
                         commit=sha(rng))
            deployed = m["version"]
        assert deployed == m["version"], (m["name"], deployed, m["version"])
    return rollbacks


# ---------------------------- live runs near the anchor ----------------------------

def live_runs(pipes, models_by_name):
    rng = RNG_LIVE
    P = {p["name"]: p for p in pipes}
    mk = lambda pn, mn, **kw: make_run(P[pn], models_by_name[mn], P[pn]["kind"], rng=rng, **kw)
    mk("pii-redaction-ner-deploy", "pii-redaction-ner", trigger="commit", started_by="ci-bot",
       queued_at=T("2026-01-12T08:01:52Z"), status="succeeded", name="canary-rollout",
       model_version=MODEL_VERSION["pii-redaction-ner"], commit=sha(rng), tag="live")
    mk("visual-defect-detector-train", "visual-defect-detector", trigger="manual", started_by="Wei Zhang",
       queued_at=T("2026-01-12T07:02:11Z"), start=T("2026-01-12T07:14:40Z"), status="running",
       name="retrain-line3-camera-swap", current_step=3, tag="live")
    mk("card-fraud-detector-train", "card-fraud-detector", trigger="drift", started_by="drift-monitor",
       queued_at=T("2026-01-12T08:04:37Z"), start=T("2026-01-12T08:04:59Z"), status="running",
       name="drift-retrain", current_step=2, tag="live")
    mk("sepsis-early-warning-eval", "sepsis-early-warning", trigger="api", started_by="api:airflow",
       queued_at=T("2026-01-12T08:30:00Z"), start=T("2026-01-12T08:30:14Z"), status="running",
       current_step=1, tag="live")
    mk("next-best-offer-deploy", "next-best-offer", trigger="commit", started_by="ci-bot",
       queued_at=T("2026-01-12T08:41:03Z"), start=T("2026-01-12T08:41:21Z"), status="running",
       name="canary-rollout", model_version=MODEL_VERSION["next-best-offer"], commit=sha(rng),
       current_step=2, tag="live")
    mk("diabetic-retinopathy-screen-train", "diabetic-retinopathy-screen", trigger="manual",
       started_by="Jonas Berg", queued_at=T("2026-01-12T08:33:05Z"), status="queued", name="hparam-sweep",
       tag="live")
    mk("radiology-triage-cxr-eval", "radiology-triage-cxr", trigger="manual", started_by="Jonas Berg",
       queued_at=T("2026-01-12T08:47:19Z"), status="queued", tag="live")
    mk("synthetic-id-detector-train", "synthetic-id-detector", trigger="commit", started_by="ci-bot",
       queued_at=T("2026-01-12T08:52:44Z"), status="queued", commit=sha(rng), tag="live")
    mk("entity-resolution-matcher-deploy", "entity-resolution-matcher", trigger="api",
       started_by="api:mlflow-webhook", queued_at=T("2026-01-12T08:58:41Z"), status="queued",
       name="staging-deploy", model_version=MODEL_VERSION["entity-resolution-matcher"], commit=sha(rng),
       tag="live")


MODEL_VERSION = {}

# --------------------------------------------------------------------------------------
# Alerts
# --------------------------------------------------------------------------------------

P_METHODS = ("ks", "chi2", "z")

NOTES_ACK = [
    "Looking into it; pulling the last 14 days of {feature} from the feature store.",
    "Acknowledged. Comparing against the same week last year to rule out seasonality.",
    "On it. First look: the shift is concentrated in one source system.",
    "Acknowledged; checking whether the reference window is stale after last month's backfill.",
]
NOTES_INVESTIGATE = {
    "transaction_amount": "Upstream ETL changed currency to EUR for EU merchants; confirming with data eng.",
    "merchant_category": "New MCC mapping from the acquirer went live on Monday; 3% of volume moved to 5999.",
    "counterparty_country": "Sanctions-list refresh re-routed wires via two new correspondent banks.",
    "hba1c": "Lab switched HbA1c assay vendor at two sites; values now reported in mmol/mol, not %.",
    "days_since_last_admission": "EHR upgrade changed how transfers between our hospitals are counted as admissions.",
    "discharge_disposition": "New disposition code 'home with telehealth' not in the training vocabulary.",
    "lactate": "Point-of-care analyzers in ED were recalibrated; readings shifted by ~0.3 mmol/L.",
    "scanner_model": "Radiology added two new portable scanners at the north campus.",
    "basket_size": "Holiday bundles inflate basket size; expected through early January.",
    "promo_flag": "Circular promo calendar was loaded twice for week 47; promo_flag doubled.",
    "spindle_vibration_rms": "Sensor firmware update on cells 4-7 changed the RMS window from 1 s to 0.5 s.",
    "ambient_temp_c": "HVAC outage in hall B; ambient temperature 6-8 degrees above normal.",
    "camera_id": "Camera 7 on line 3 was replaced; new sensor has different gain.",
    "language": "Support routing started sending Portuguese tickets; share went from 0% to 6%.",
    "source_system": "Master-data hub onboarded the SAP S/4 supplier feed this week.",
    "device_type": "App release 8.2 reports tablets as 'mobile'; fix in the next app version.",
    "furnace_temp_c": "Thermocouple on furnace 2 replaced; readings offset by +4 C until recalibrated.",
}
# Each alert follows one narrative so that its notes, snooze reason and resolution agree.
THEMES = {
    "upstream": {
        "notes": ["Opened DATA-{ticket} with data engineering to trace the upstream change.",
                  "Data engineering confirmed the change upstream; fix and backfill planned."],
        "snooze": "Snoozing until the upstream fix is deployed (ETA {until}).",
        "resolve": "Upstream fix deployed and backfilled; score back to {baseline}.",
    },
    "seasonal": {
        "notes": ["Looks seasonal: the same shift shows up in the same weeks last year.",
                  "Impact on {metric} so far is within noise; keeping an eye on it."],
        "snooze": "Known seasonal effect; snoozed until {until} while the new reference window fills.",
        "resolve": "Confirmed benign (expected seasonal shift); reference window refreshed.",
    },
    "retrain": {
        "notes": ["Shift is real, not a pipeline bug: confirmed on the raw source table.",
                  "Retrain scheduled with {month} data."],
        "snooze": "Retrain with recent data is running; snoozed until {until} while the challenger is evaluated.",
        "resolve": "Retrained on recent data; drift gone against the new reference window.",
    },
    "vendor": {
        "notes": ["Traced to the external data vendor's feed; ticket raised with the vendor.",
                  "Vendor acknowledged the issue and promised a corrected feed."],
        "snooze": "Waiting for the vendor feed correction; snoozed until {until}.",
        "resolve": "Vendor re-delivered the corrected feed; {feature} distribution back to normal.",
    },
}
NOTES_ESCALATE = [
    "Escalating: score keeps rising and this model is tier {risk}; notifying the model owner and lead.",
    "Escalating to critical: above threshold for {days} consecutive days.",
]


def alert_score(method, severity, rng):
    """(score, threshold) consistent with the method's convention and the severity."""
    if method == "psi":
        if severity == "critical":
            return round(rng.uniform(0.26, 0.58), 3), 0.25
        if severity == "warning":
            return round(rng.uniform(0.105, 0.24), 3), 0.1
        return round(rng.uniform(0.101, 0.125), 3), 0.1
    if method in P_METHODS:
        if severity == "critical":
            return sig(10 ** rng.uniform(-9, -4), 2), 0.05
        if severity == "warning":
            return sig(10 ** rng.uniform(-3.9, -2.1), 2), 0.05
        return sig(rng.uniform(0.008, 0.045), 2), 0.05
    if method == "js":
        lo, hi = {"info": (0.101, 0.13), "warning": (0.13, 0.22), "critical": (0.22, 0.38)}[severity]
    else:
        lo, hi = {"info": (0.101, 0.14), "warning": (0.14, 0.3), "critical": (0.3, 0.7)}[severity]
    return round(rng.uniform(lo, hi), 3), 0.1


def choose_method(feature, rng):
    if feature in CATEGORICAL:
        return rng.choices(["psi", "chi2", "js"], [0.4, 0.35, 0.25])[0]
    return rng.choices(["psi", "ks", "wasserstein", "js"], [0.4, 0.3, 0.2, 0.1])[0]


def score_text(method, score, threshold):
    if method in P_METHODS:
        return f"{method} p-value {score:.2g} < {threshold}"
    return f"{method} {score:.3f} >= {threshold}"


def spaced_times(rng, lo, hi, n):
    """n strictly increasing times in (lo, hi)."""
    span = int((hi - lo).total_seconds())
    assert span > n * 60, (lo, hi, n)
    pts = sorted(rng.sample(range(60, span), n))
    out = []
    for p in pts:
        t = lo + timedelta(seconds=p)
        if out and t <= out[-1]:
            t = out[-1] + timedelta(seconds=1)
        out.append(t)
    return out


def ev(kind, t, actor, note=None):
    e = {"kind": kind, "at": t, "actor": actor}
    if note:
        e["note"] = note
    return e


def timeline(a, status, rng, model):
    """Events consistent with the final status, following one narrative theme."""
    team = model["team"]
    spec = model["spec"]
    lead = TEAM[team]["lead"]
    assignee = a["assignee"]
    f = a["feature"]
    opened = a["opened_at"]
    theme_name = rng.choice(sorted(THEMES))
    if f in NOTES_INVESTIGATE and rng.random() < 0.6:
        theme_name = "upstream"
    theme = THEMES[theme_name]
    fill = {"ticket": rng.randint(1200, 4999), "feature": f, "month": opened.strftime("%B"),
            "metric": (spec["metric"] or ("the offline metrics",))[0]}
    notes = [n.format(**fill) for n in theme["notes"]]
    if theme_name == "upstream" and f in NOTES_INVESTIGATE:
        notes[0] = NOTES_INVESTIGATE[f]
    events = [ev("opened", opened, "drift-monitor", score_text(a["method"], a["score"], a["threshold"]))]
    if status == "open":
        if assignee:
            t = spaced_times(rng, opened, min(ANCHOR - timedelta(minutes=10), opened + timedelta(hours=20)), 1)[0]
            events.append(ev("assigned", t, lead, f"Assigned to {assignee}."))
        return events
    if status == "resolved" and assignee is None:
        events.append(ev("resolved", a["resolved_at"], "drift-monitor",
                         "Score back on the safe side of the threshold for 7 consecutive daily windows; auto-resolved."))
        return events
    end = a["resolved_at"] if status == "resolved" else (a["_snooze_at"] if status == "snoozed" else ANCHOR - timedelta(minutes=15))
    span = (end - opened).total_seconds()
    # acknowledged and assigned early, notes (and an escalation) spread over the rest
    t_ack = opened + timedelta(seconds=int(rng.uniform(600, max(1200, min(18 * 3600, span * 0.25)))))
    t_asg = t_ack + timedelta(seconds=rng.randint(60, int(min(5400, span * 0.1)) + 61))
    events.append(ev("acknowledged", t_ack, assignee, rng.choice(NOTES_ACK).format(feature=f)))
    events.append(ev("assigned", t_asg, lead, f"Assigned to {assignee}."))
    kinds = ["note"] * (1 + (rng.random() < 0.5))
    if a["severity"] == "critical" and rng.random() < 0.5:
        kinds.insert(1, "escalated")
    times = spaced_times(rng, t_asg, end, len(kinds))
    ni = 0
    for k, t in zip(kinds, times):
        if k == "note":
            events.append(ev(k, t, assignee, notes[min(ni, len(notes) - 1)]))
            ni += 1
        else:
            events.append(ev(k, t, lead, rng.choice(NOTES_ESCALATE).format(risk=spec["risk"], days=rng.randint(3, 6))))
    if status == "snoozed":
        until = a["snoozed_until"].strftime("%Y-%m-%d %H:%M UTC")
        events.append(ev("snoozed", a["_snooze_at"], assignee, theme["snooze"].format(until=until)))
    elif status == "resolved":
        base = "0.03" if a["method"] == "psi" else ("p > 0.3" if a["method"] in P_METHODS else "0.04")
        events.append(ev("resolved", a["resolved_at"], assignee, theme["resolve"].format(baseline=base, feature=f)))
    return events


def story_alerts():
    A = []
    # 1. Retail demand forecast after Black Friday.
    A.append({
        "_story": "retail", "model": "retail-demand-forecast", "feature": "units_sold", "method": "psi",
        "score": None, "threshold": 0.25, "severity": "critical", "status": "acknowledged",
        "assignee": "Chloe Martin", "opened_at": T("2025-11-30T06:20:00Z"),
        "events": [
            ev("opened", T("2025-11-30T06:20:00Z"), "drift-monitor",
               "psi 0.272 >= 0.25 on the 2025-11-29 batch; first breach, severity warning."),
            ev("acknowledged", T("2025-11-30T14:05:12Z"), "Chloe Martin",
               "Acknowledged. Black Friday volumes are 3-5x baseline in electronics and toys."),
            ev("assigned", T("2025-11-30T14:06:40Z"), "Marcus Delgado", "Assigned to Chloe Martin."),
            ev("note", T("2025-12-01T10:31:09Z"), "Chloe Martin",
               "Reference window (Sep-Oct) has no holiday weeks, so some shift is expected, but MAPE is "
               "already up to 11.9% on the Cyber Monday forecasts."),
            ev("escalated", T("2025-12-02T09:15:44Z"), "Marcus Delgado",
               "Escalating to critical: PSI above 0.25 for 3 consecutive days (0.34 today) and stores are "
               "reporting empty shelves in toys."),
            ev("note", T("2025-12-03T11:02:18Z"), "Chloe Martin",
               "Drift-triggered retrain failed this morning: NaN in promo_depth from the holiday promo feed. "
               "Fix in review."),
            ev("note", T("2025-12-07T15:48:30Z"), "Chloe Martin",
               "Retrain with the holiday weeks succeeded (2.4.0, deployed tomorrow). MAPE improves, but PSI "
               "will stay high until the reference window includes December."),
            ev("note", T("2025-12-22T09:12:03Z"), "Chloe Martin", "Retrain scheduled with December data."),
            ev("note", T("2026-01-06T13:40:55Z"), "Chloe Martin",
               "Post-holiday demand is not back to baseline yet; keeping this acknowledged and revisiting "
               "after the reference refresh on 2026-01-19."),
        ],
    })
    # 5. Card fraud: open critical alert opened in the last day before the anchor.
    A.append({
        "_story": "fraud-open", "model": "card-fraud-detector", "feature": "transaction_amount", "method": "psi",
        "score": 0.312, "threshold": 0.25, "severity": "critical", "status": "open",
        "assignee": "Daniel Okafor", "opened_at": T("2026-01-11T21:47:12Z"),
        "events": [
            ev("opened", T("2026-01-11T21:47:12Z"), "drift-monitor",
               "psi 0.312 >= 0.25 on the last 6-hour window; severity critical (tier-high model)."),
            ev("note", T("2026-01-12T03:47:30Z"), "drift-monitor",
               "Second consecutive breach: psi 0.327. Share of authorizations above USD 2,000 doubled."),
            ev("assigned", T("2026-01-12T07:52:08Z"), "Priya Raman",
               "Assigned to Daniel Okafor. Check whether the new travel-agency merchant onboarded on Friday explains it."),
        ],
    })
    # Earlier card-fraud alert on the same feature: the EUR currency bug, resolved in November.
    A.append({
        "_story": "fraud-eur", "model": "card-fraud-detector", "feature": "transaction_amount", "method": "psi",
        "score": 0.187, "threshold": 0.1, "severity": "warning", "status": "resolved",
        "assignee": "Daniel Okafor", "opened_at": T("2025-11-03T05:12:44Z"), "resolved_at": T("2025-11-08T16:20:31Z"),
        "events": [
            ev("opened", T("2025-11-03T05:12:44Z"), "drift-monitor", "psi 0.187 >= 0.1 on the 2025-11-02 batch."),
            ev("acknowledged", T("2025-11-03T08:40:02Z"), "Daniel Okafor", None),
            ev("note", T("2025-11-03T10:15:27Z"), "Daniel Okafor",
               "Upstream ETL changed currency to EUR for EU merchants; confirming with data eng."),
            ev("note", T("2025-11-04T13:02:51Z"), "Daniel Okafor",
               "Data eng confirmed: amounts for EU merchants were no longer converted to USD after the ledger "
               "migration (INC-4471). Fix deploying Thursday."),
            ev("resolved", T("2025-11-08T16:20:31Z"), "Daniel Okafor",
               "Conversion fixed and the week backfilled; psi back to 0.03."),
        ],
    })
    # Reopened once, now open again.
    A.append({
        "_story": "reopen-open", "model": "predictive-maintenance-cnc", "feature": "ambient_temp_c", "method": "ks",
        "score": 0.00082, "threshold": 0.05, "severity": "warning", "status": "open",
        "assignee": "Carlos Mendes", "opened_at": T("2025-12-17T06:31:05Z"),
        "events": [
            ev("opened", T("2025-12-17T06:31:05Z"), "drift-monitor", "ks p-value 0.0011 < 0.05"),
            ev("acknowledged", T("2025-12-17T07:58:41Z"), "Carlos Mendes", None),
            ev("note", T("2025-12-17T09:20:10Z"), "Carlos Mendes",
               "HVAC outage in hall B; ambient temperature 6-8 degrees above normal."),
            ev("resolved", T("2025-12-22T15:05:37Z"), "Carlos Mendes", "HVAC repaired; temperatures back to normal."),
            ev("reopened", T("2026-01-08T06:29:50Z"), "drift-monitor",
               "ks p-value 0.00082 < 0.05 again, 17 days after resolution."),
        ],
    })
    # Reopened once, acknowledged again.
    A.append({
        "_story": "reopen-ack", "model": "next-best-offer", "feature": "basket_size", "method": "wasserstein",
        "score": 0.214, "threshold": 0.1, "severity": "warning", "status": "acknowledged",
        "assignee": "Lucas Ferreira", "opened_at": T("2025-12-10T06:24:33Z"),
        "events": [
            ev("opened", T("2025-12-10T06:24:33Z"), "drift-monitor", "wasserstein 0.188 >= 0.1"),
            ev("acknowledged", T("2025-12-10T10:11:09Z"), "Lucas Ferreira",
               "Holiday bundles inflate basket size; expected through early January."),
            ev("resolved", T("2025-12-15T12:30:00Z"), "Lucas Ferreira",
               "Reference window refreshed to include December; distance back under 0.1."),
            ev("reopened", T("2025-12-29T06:22:15Z"), "drift-monitor", "wasserstein 0.214 >= 0.1 after resolution."),
            ev("acknowledged", T("2025-12-29T09:47:02Z"), "Lucas Ferreira",
               "Still drifting after the reference refresh: post-Christmas returns and gift-card baskets. "
               "Will retrain once January settles."),
        ],
    })
    # Reopened once, resolved again.
    A.append({
        "_story": "reopen-resolved", "model": "sepsis-early-warning", "feature": "lactate", "method": "ks",
        "score": 3.1e-06, "threshold": 0.05, "severity": "critical", "status": "resolved",
        "assignee": "Ravi Menon", "opened_at": T("2025-10-22T05:48:10Z"), "resolved_at": T("2025-11-02T11:20:44Z"),
        "events": [
            ev("opened", T("2025-10-22T05:48:10Z"), "drift-monitor", "ks p-value 3.1e-06 < 0.05"),
            ev("acknowledged", T("2025-10-22T07:02:33Z"), "Ravi Menon", None),
            ev("escalated", T("2025-10-22T07:30:00Z"), "Amara Nwosu",
               "Escalating: sepsis-early-warning is tier high; informing the Clinical Safety Board."),
            ev("note", T("2025-10-22T12:45:19Z"), "Ravi Menon",
               "Point-of-care analyzers in ED were recalibrated; readings shifted by ~0.3 mmol/L."),
            ev("resolved", T("2025-10-25T16:02:08Z"), "Ravi Menon", "Lab confirmed the offset and corrected the feed."),
            ev("reopened", T("2025-10-27T05:51:40Z"), "Ravi Menon",
               "Reopening: the north campus analyzers were not included in the correction."),
            ev("note", T("2025-10-29T10:05:12Z"), "Ravi Menon", "North campus corrected; backfill running."),
            ev("resolved", T("2025-11-02T11:20:44Z"), "Ravi Menon", "Backfill complete; p-values back above 0.3."),
        ],
    })
    return A


def build_alerts(models_by_name):
    rng = RNG_ALERTS
    alerts = story_alerts()
    reserved = {("retail-demand-forecast", "units_sold"), ("card-fraud-detector", "transaction_amount")}
    pool = [m for m in models_by_name.values() if m["stage"] in ("production", "staging")]
    weights = [2.5 if m["stage"] == "production" else 1.0 for m in pool]
    plan = ["open"] * 13 + ["acknowledged"] * 11 + ["snoozed"] * 8 + ["resolved"] * 33
    rng.shuffle(plan)
    z_left = 3
    monitor = {(a["model"], a["feature"]): a["method"] for a in alerts}
    sev_cycle = ["warning", "critical", "warning", "info", "critical", "warning", "info", "warning"]
    for idx, status in enumerate(plan):
        for _attempt in range(200):
            m = rng.choices(pool, weights)[0]
            feature = rng.choice(m["spec"]["features"][:3])
            if (m["name"], feature) in reserved:
                continue
            # each monitored feature has one configured test
            if (m["name"], feature) in monitor:
                method = monitor[(m["name"], feature)]
            else:
                method = choose_method(feature, rng)
                if z_left and feature not in CATEGORICAL and idx % 7 == 3:
                    method = "z"
            severity = sev_cycle[idx % len(sev_cycle)]
            if status == "open":
                opened = uniform_time(rng, ANCHOR - timedelta(days=7), ANCHOR - timedelta(hours=2))
            elif status == "acknowledged":
                opened = uniform_time(rng, ANCHOR - timedelta(days=35), ANCHOR - timedelta(hours=8))
            elif status == "snoozed":
                opened = uniform_time(rng, ANCHOR - timedelta(days=25), ANCHOR - timedelta(days=2))
            else:
                opened = uniform_time(rng, WINDOW_START, ANCHOR - timedelta(days=4))
            a = {"model": m["name"], "feature": feature, "method": method, "severity": severity,
                 "status": status, "opened_at": opened, "assignee": None}
            a["score"], a["threshold"] = alert_score(method, severity, rng)
            if status == "resolved":
                dur = timedelta(hours=math.exp(rng.uniform(math.log(6), math.log(14 * 24))))
                a["resolved_at"] = min(opened + dur, ANCHOR - timedelta(hours=2))
                auto = rng.random() < 0.15 and a["resolved_at"] - opened > timedelta(days=7)
                a["assignee"] = None if auto else person(m["team"], rng, True)
            elif status == "snoozed":
                a["_snooze_at"] = uniform_time(rng, max(opened + timedelta(hours=6), ANCHOR - timedelta(days=3)),
                                               ANCHOR - timedelta(minutes=20))
                until = ANCHOR + timedelta(minutes=15 * rng.randint(8, 4 * 72))
                a["snoozed_until"] = until
                a["assignee"] = person(m["team"], rng, True)
            elif status == "acknowledged":
                a["assignee"] = person(m["team"], rng, True)
            else:
                a["assignee"] = person(m["team"], rng, True) if rng.random() < 0.4 else None
            if overlaps(a, alerts):
                continue
            if method == "z" and (m["name"], feature) not in monitor:
                z_left -= 1
            monitor[(m["name"], feature)] = method
            a["events"] = timeline(a, status, rng, m)
            alerts.append(a)
            break
        else:
            raise AssertionError("could not place alert")
    # the retail story alert's score is its latest daily drift value (set after metrics)
    alerts.sort(key=lambda a: (a["opened_at"], a["model"], a["feature"]))
    for i, a in enumerate(alerts, 1):
        a["id"] = f"alert-{i:04d}"
    return alerts


def drift_intervals(a):
    """Half-open [start, end) intervals in which the alert's feature was drifting."""
    out = []
    start = None
    for e in a["events"]:
        if e["kind"] in ("opened", "reopened"):
            start = e["at"]
        elif e["kind"] == "resolved" and start is not None:
            out.append((start, e["at"]))
            start = None
    if start is not None:
        out.append((start, ANCHOR + timedelta(days=365)))
    return out


def overlaps(a, alerts):
    lo = a["opened_at"] - timedelta(days=1)
    hi = a.get("resolved_at") or ANCHOR + timedelta(days=365)
    for b in alerts:
        if b["model"] == a["model"] and b["feature"] == a["feature"]:
            for s, e in drift_intervals(b) if "events" in b else []:
                if s < hi + timedelta(days=1) and lo < e:
                    return True
    return False


# --------------------------------------------------------------------------------------
# Metrics
# --------------------------------------------------------------------------------------

METRIC_HOUR = 6


def holiday_factor(day, domain):
    """Multiplier on prediction volume around the holidays for consumer-facing models."""
    if domain not in ("sales", "customer_engagement", "clickstream", "card_transactions", "pricing",
                      "inventory", "payments"):
        return 1.0
    d = (day - BLACK_FRIDAY).days
    if d == 0:
        return 2.3
    if d == 3:  # Cyber Monday
        return 1.9
    if 1 <= d <= 2:
        return 1.6
    if date(2025, 12, 1) <= day <= date(2025, 12, 23):
        return 1.25 + 0.015 * (day.day)
    if day == CHRISTMAS:
        return 0.45
    if date(2025, 12, 26) <= day <= date(2025, 12, 31):
        return 1.35
    if day.month == 1:
        return 0.92
    return 1.0


def weekday_factor(day, spec):
    wd = day.weekday()
    dom = spec["domain"]
    if dom in ("sales", "clickstream", "customer_engagement", "transactions"):
        return [0.92, 0.9, 0.93, 0.97, 1.08, 1.22, 1.12][wd]
    if dom in ("sensors", "process", "vision"):
        return [1.0, 1.0, 1.0, 1.0, 0.97, 0.55, 0.2][wd]
    if dom in ("scheduling", "imaging", "ehr_encounters"):
        return [1.1, 1.08, 1.05, 1.04, 1.0, 0.55, 0.45][wd]
    return [1.0, 0.98, 0.99, 1.01, 1.06, 1.02, 0.94][wd]


def retail_psi(day, rng):
    d = (day - BLACK_FRIDAY).days
    if d < 0:
        return round(rng.uniform(0.028, 0.082), 4)
    if d == 0:
        return round(rng.uniform(0.07, 0.09), 4)
    if d == 1:
        return 0.184
    if d == 2:
        return 0.272
    # 2025-12-01 onwards: above 0.25, rising to a Christmas peak, easing in January
    if day <= CHRISTMAS:
        base = 0.31 + (0.62 - 0.31) * (day - date(2025, 12, 1)).days / 24.0
    else:
        base = 0.62 - (0.62 - 0.40) * min(1.0, (day - CHRISTMAS).days / 14.0)
    return round(max(0.27, base + rng.gauss(0, 0.018)), 4)


def retail_mape(day, rng, state):
    d = (day - BLACK_FRIDAY).days
    if d < 0:
        level = 8.3
    elif day <= CHRISTMAS:
        level = 9.5 + 7.5 * min(1.0, (d + 1) / 27.0)
        if day >= date(2025, 12, 8):  # 2.4.0 (retrained with the holiday weeks) takes the edge off
            level -= 1.2
    else:
        level = 15.5 - 2.5 * min(1.0, (day - CHRISTMAS).days / 14.0)
    state["e"] = 0.6 * state.get("e", 0.0) + rng.gauss(0, 0.22)
    return round(level + state["e"], 2)


def baseline_drift(method, rng):
    if method == "psi":
        return round(rng.uniform(0.015, 0.075), 4)
    if method in P_METHODS:
        return sig(rng.uniform(0.08, 0.95), 3)
    return round(rng.uniform(0.01, 0.06), 4)


def drifted_value(a, rng):
    s, th = a["score"], a["threshold"]
    if a["method"] in P_METHODS:
        v = s * math.exp(rng.gauss(0, 0.7))
        return sig(min(v, th * 0.9), 3)
    v = s * (1 + rng.gauss(0, 0.08))
    return round(max(v, th * 1.02), 4)


def build_metrics(models, alerts):
    rng = RNG_METRICS
    points = []  # (model, name, at, value)
    prod = [m for m in models if m["stage"] == "production"]
    for m in prod:
        spec = m["spec"]
        name, base, sd, higher, dec = spec["metric"]
        state = {}
        e = 0.0
        for day in DAYS:
            t = at(day, METRIC_HOUR)
            if m["name"] == "retail-demand-forecast":
                q = retail_mape(day, rng, state)
            else:
                e = 0.7 * e + rng.gauss(0, sd)
                q = base + e
                if m["name"] == "card-fraud-detector" and day == LAST_DAY:
                    q = base - 0.009
                if higher:
                    q = min(q, 0.999)
                q = round(q, dec)
            points.append((m["name"], name, t, q))
        for day in DAYS:
            lat = spec["latency"] * (1 + rng.gauss(0, 0.05)) * (0.97 + 0.06 * weekday_factor(day, spec))
            lat *= 1 + 0.25 * (holiday_factor(day, spec["domain"]) - 1)
            if rng.random() < 0.03:
                lat *= rng.uniform(1.5, 2.4)
            points.append((m["name"], "latency_p95_ms", at(day, METRIC_HOUR), round(lat, 1)))
        for day in DAYS:
            n = spec["preds"] * weekday_factor(day, spec) * holiday_factor(day, spec["domain"]) * (1 + rng.gauss(0, 0.03))
            points.append((m["name"], "predictions_per_day", at(day, METRIC_HOUR), int(round(n))))
    # Drift series for every (model, method, feature) with an alert on a production model.
    groups = {}
    for a in alerts:
        if MODEL_STAGE[a["model"]] != "production":
            continue
        groups.setdefault((a["model"], a["method"], a["feature"]), []).append(a)
    retail_series = {}
    for (mname, method, feature), group in groups.items():
        series_name = f"drift.{method}.{feature}"
        for day in DAYS:
            t = at(day, METRIC_HOUR)
            if (mname, method, feature) == ("retail-demand-forecast", "psi", "units_sold"):
                v = retail_psi(day, rng)
                retail_series[day] = v
            else:
                v = None
                for a in group:
                    for s, e in drift_intervals(a):
                        if s - timedelta(hours=12) <= t < e:
                            v = drifted_value(a, rng)
                if v is None:
                    v = baseline_drift(method, rng)
            points.append((mname, series_name, t, v))
    return points, retail_series


MODEL_STAGE = {m["name"]: m["stage"] for m in MODEL_SPECS}

# --------------------------------------------------------------------------------------
# Maturity
# --------------------------------------------------------------------------------------

COMPONENTS = ["infrastructure_automation", "ci_cd", "model_monitoring", "governance", "collaboration"]
QUARTERS = ["2024-12-31", "2025-03-31", "2025-06-30", "2025-09-30", "2025-12-31"]

LEVELS = {
    FRAUD: {"infrastructure_automation": [2, 2, 3, 3, 3], "ci_cd": [2, 2, 3, 3, 3],
            "model_monitoring": [2, 2, 2, 3, 3], "governance": [3, 3, 3, 4, 4], "collaboration": [2, 2, 3, 3, 3]},
    CLIN: {"infrastructure_automation": [1, 1, 2, 2, 2], "ci_cd": [1, 1, 2, 2, 2],
           "model_monitoring": [1, 2, 2, 2, 3], "governance": [2, 3, 3, 3, 3], "collaboration": [2, 2, 2, 3, 3]},
    RETAIL: {"infrastructure_automation": [1, 2, 2, 2, 3], "ci_cd": [1, 2, 2, 3, 3],
             "model_monitoring": [0, 1, 1, 1, 1], "governance": [1, 1, 1, 2, 2], "collaboration": [2, 2, 2, 2, 3]},
    MFG: {"infrastructure_automation": [1, 1, 1, 2, 2], "ci_cd": [0, 1, 1, 1, 2],
          "model_monitoring": [1, 1, 2, 2, 2], "governance": [1, 1, 1, 1, 2], "collaboration": [1, 1, 2, 2, 2]},
    PLAT: {"infrastructure_automation": [3, 3, 3, 4, 4], "ci_cd": [3, 3, 3, 3, 4],
           "model_monitoring": [2, 2, 3, 3, 3], "governance": [2, 2, 2, 3, 3], "collaboration": [3, 3, 3, 3, 3]},
}

LEVEL_TEXT = {
    "infrastructure_automation": [
        "Training runs on individual laptops and ad-hoc VMs; no infrastructure as code.",
        "A shared cluster exists, but environments are built by hand from wiki instructions.",
        "Terraform modules for training clusters; most jobs run on the shared Kubernetes platform, some manual provisioning remains.",
        "All training and serving infrastructure is provisioned with Terraform and Helm; environments are reproducible from code.",
        "Self-service, policy-checked infrastructure with autoscaling and cost guardrails; infrastructure drift is detected and remediated automatically.",
    ],
    "ci_cd": [
        "Models are copied to servers by hand; no automated build or tests.",
        "Unit tests run in CI, but packaging and deployment follow manual runbooks.",
        "CI builds and tests images automatically; deployments are scripted but started and verified by hand.",
        "Every change builds, tests and canary-deploys through the pipeline with automated smoke tests and one-click rollback.",
        "Continuous delivery with progressive rollout, automated canary analysis and automatic rollback.",
    ],
    "model_monitoring": [
        "No production monitoring beyond service uptime.",
        "Latency and error-rate dashboards only; data drift is checked by hand in notebooks after incidents.",
        "Automated daily drift and performance metrics for production models; alerts reviewed weekly.",
        "Drift alerts with owners, runbooks and response targets; label-based performance tracked and tied to retraining decisions.",
        "Closed-loop monitoring: drift and performance alerts trigger automated retraining and champion/challenger evaluation.",
    ],
    "governance": [
        "No model inventory; approvals happen by email if at all.",
        "A model inventory spreadsheet is maintained; approvals are informal.",
        "Models are registered in MLflow with owners and risk tiers; approval is recorded for production releases.",
        "Documented approval workflow with model cards, validation reports and formal sign-off for every production version.",
        "Automated policy checks, a complete audit trail and periodic revalidation enforced by the platform.",
    ],
    "collaboration": [
        "Data scientists and engineers work in silos; hand-offs by email.",
        "Shared repositories exist, but hand-offs to engineering are ticket-based and slow.",
        "Shared code review and a common feature store; regular syncs with data engineering.",
        "Cross-functional squads with shared on-call and documented ownership for each model.",
        "Inner-source components reused across teams; blameless postmortems shared organisation-wide.",
    ],
}

LATEST_EVIDENCE = {
    FRAUD: {
        "infrastructure_automation": "All fraud and credit training runs on the shared EKS pools from Terraform; card-fraud-detector and aml-transaction-monitor environments rebuild from code in under an hour.",
        "ci_cd": "Every repository builds, tests and canary-deploys through GitHub Actions and Argo Rollouts; the 2025-12-05 rollback of card-fraud-detector 3.2.0 took minutes.",
        "model_monitoring": "Daily PSI/KS drift on all inputs with named owners and runbooks; chargeback labels close the loop on AUC after 45 days.",
        "governance": "SR 11-7 inventory, model cards and Model Risk Committee sign-off are enforced by the registry; annual revalidation is tracked automatically.",
        "collaboration": "Fraud operations, data engineering and data science share an on-call rotation and a weekly drift review.",
    },
    CLIN: {
        "infrastructure_automation": "Training uses the platform's Terraform modules, but the PACS and EHR extract VMs are still provisioned by hand.",
        "ci_cd": "Images are built and tested in CI, but production rollouts of readmission-risk-30d are started by hand and often stall on Kubernetes progress deadlines.",
        "model_monitoring": "Daily drift and weekly label-based performance for all four production models, with clinical owners and escalation runbooks.",
        "governance": "The Clinical Safety Board signs off every production version with a validation report and a subgroup fairness analysis.",
        "collaboration": "Clinicians are embedded in each model squad; monthly case reviews with nursing informatics.",
    },
    RETAIL: {
        "infrastructure_automation": "Forecasting and personalization stacks are fully Terraform/Helm-managed on the shared platform.",
        "ci_cd": "CI/CD is the team's strength: all 5 production models ship through GitHub Actions and Argo Rollouts, and retail-demand-forecast 2.4.0 went live within an hour of approval.",
        "model_monitoring": "Monitoring lags CI/CD by two levels: the team only owns latency and error dashboards; platform drift alerts have no runbooks, owners or response targets, and the post-Black-Friday drift alert on retail-demand-forecast has been acknowledged since 2025-11-30 with no agreed response plan.",
        "governance": "Models are registered in MLflow with owners and risk tiers and the lead's approval is recorded, but there are no model cards yet.",
        "collaboration": "Merchandising and supply-chain planners attend sprint reviews; shared on-call with data engineering.",
    },
    MFG: {
        "infrastructure_automation": "Edge GPU nodes on lines 1-3 are provisioned with Ansible; cloud training uses the platform's Terraform modules.",
        "ci_cd": "CI builds and tests the images; edge rollouts are scripted but started and verified by a plant engineer.",
        "model_monitoring": "Daily drift and sensor-health metrics for production models; alerts reviewed in the weekly quality meeting.",
        "governance": "Models are registered with owners; Quality Review Board approval is recorded for production releases.",
        "collaboration": "Shared repositories and code review with plant engineering; hand-offs to maintenance still go through tickets.",
    },
    PLAT: {
        "infrastructure_automation": "Self-service training and serving through the internal platform with policy checks, autoscaling and cost guardrails.",
        "ci_cd": "Progressive delivery with automated canary analysis and automatic rollback for every platform service.",
        "model_monitoring": "Drift, latency and embedding-quality dashboards with SLOs and paging; retraining triggers are not automated yet.",
        "governance": "Model cards, lineage and approvals are recorded in the registry for all shared models.",
        "collaboration": "Weekly platform office hours and inner-source contributions from Retail and Clinical AI.",
    },
}


def build_maturity(models):
    rng = RNG_MATURITY
    out = []
    prod_by_team = {}
    for m in models:
        if m["stage"] == "production":
            prod_by_team.setdefault(m["team"], []).append(m["name"])
    for team in TEAMS:
        tn = team["name"]
        for comp in COMPONENTS:
            levels = LEVELS[tn][comp]
            assert len(levels) == len(QUARTERS)
            for qi, q in enumerate(QUARTERS):
                level = levels[qi]
                if comp == "governance":
                    assessor = "Grace Liu (Internal Audit)"
                else:
                    assessor = ["Helena Vogt", "Arjun Patel"][qi % 2]
                if qi == len(QUARTERS) - 1:
                    evidence = f"Level {level}: {LEVEL_TEXT[comp][level]} {LATEST_EVIDENCE[tn][comp]}"
                else:
                    sample = rng.sample(prod_by_team[tn], min(2, len(prod_by_team[tn])))
                    change = ""
                    if qi > 0 and levels[qi - 1] != level:
                        change = f" Up from level {levels[qi - 1]} last quarter."
                    evidence = (f"Level {level}: {LEVEL_TEXT[comp][level]} Reviewed for {tn} with "
                                f"{' and '.join(sample)}.{change}")
                out.append({"team": tn, "component": comp, "level": level, "assessed_at": q,
                            "assessor": assessor, "evidence": evidence})
    return out


# --------------------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------------------

def yfloat(x):
    assert isinstance(x, float) and math.isfinite(x), x
    r = repr(x)
    if "e" in r:
        mant, exp = r.split("e")
        if "." not in mant:
            mant += ".0"
        sign = "-" if exp.startswith("-") else "+"
        r = f"{mant}e{sign}{exp.lstrip('+-')}"
    elif "." not in r:
        r += ".0"
    return r


def yscalar(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return yfloat(v)
    if isinstance(v, str):
        assert not any(ord(c) < 32 for c in v), v
        return json.dumps(v, ensure_ascii=False)
    raise TypeError(v)


def yaml_item(lines, d, indent):
    first = True
    for k, v in d.items():
        prefix = " " * indent + ("- " if first else "  ")
        first = False
        if isinstance(v, list):
            if not v:
                lines.append(f"{prefix}{k}: []")
                continue
            lines.append(f"{prefix}{k}:")
            for item in v:
                yaml_item(lines, item, indent + 4)
        elif isinstance(v, dict):
            lines.append(f"{prefix}{k}:")
            for k2, v2 in v.items():
                lines.append(" " * (indent + 4) + f"{yscalar(k2)}: {yscalar(v2)}")
        else:
            lines.append(f"{prefix}{k}: {yscalar(v)}")


def write_yaml(path, header, sections):
    lines = [f"# {line}" if line else "#" for line in header]
    lines.append("format: 1")
    for key, items in sections:
        lines.append(f"{key}:")
        for item in items:
            yaml_item(lines, item, 2)
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write("\n".join(lines) + "\n")


def clean(d):
    """Drop None values and turn datetimes into ISO strings, recursively, keeping key order."""
    out = {}
    for k, v in d.items():
        if k.startswith("_") or v is None:
            continue
        if isinstance(v, datetime):
            v = iso(v)
        elif isinstance(v, list):
            v = [clean(x) if isinstance(x, dict) else x for x in v]
        elif isinstance(v, dict):
            v = clean(v)
        out[k] = v
    return out


def write_ndjson(path, records):
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        for r in records:
            fh.write(json.dumps(r, ensure_ascii=False, separators=(",", ":"), allow_nan=False) + "\n")


# --------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------

def main():
    models = build_models()
    MODEL_LIST[:] = models
    by_name = {m["name"]: m for m in models}
    for m in models:
        MODEL_VERSION[m["name"]] = m["version"]
    pipelines = build_pipelines(models)
    alerts = build_alerts(by_name)
    gen_scheduled_runs(pipelines, by_name, alerts)
    story_runs(pipelines, by_name)
    # drop generated runs that would still be going on in the last 90 minutes
    RUNS[:] = [r for r in RUNS if r["finished_at"] is None or r["finished_at"] <= GENERIC_CUTOFF]
    link_versions(models)
    rollbacks = gen_deployments(pipelines, models)
    live_runs(pipelines, by_name)
    RUNS.sort(key=lambda r: (r["queued_at"], r["pipeline"], r["model"]))
    for i, r in enumerate(RUNS, 1):
        r["id"] = f"run-{i:06d}"
    points, retail_series = build_metrics(models, alerts)
    retail_alert = next(a for a in alerts if a.get("_story") == "retail")
    retail_alert["score"] = retail_series[LAST_DAY]
    maturity = build_maturity(models)

    check(models, pipelines, alerts, points, maturity, retail_series, rollbacks)

    os.makedirs(OUT, exist_ok=True)
    header = ["Oversight sample portfolio, generated by scripts/generate_sample.py (do not edit by hand).",
              "Format: docs/DATA-FORMAT.md, version 1. Anchor time 2026-01-12T09:00:00Z."]
    write_yaml(os.path.join(OUT, "teams.yaml"), header, [
        ("teams", [team_record(t) for t in TEAMS]),
        ("pipelines", [pipeline_record(p) for p in pipelines]),
    ])
    write_yaml(os.path.join(OUT, "models.yaml"), header, [("models", [model_record(m) for m in models])])
    write_yaml(os.path.join(OUT, "maturity.yaml"), header, [("maturity", maturity)])
    write_yaml(os.path.join(OUT, "alerts.yaml"), header, [("alerts", [alert_record(a) for a in alerts])])
    write_ndjson(os.path.join(OUT, "runs.ndjson"), [run_record(r) for r in RUNS])
    write_ndjson(os.path.join(OUT, "metrics.ndjson"),
                 [{"type": "metric", "model": m, "name": n, "at": iso(t), "value": v} for m, n, t, v in points])
    stats = summarize(models, pipelines, alerts, points, maturity, retail_series, rollbacks)
    with open(os.path.join(OUT, "README.md"), "w", encoding="utf-8", newline="\n") as fh:
        fh.write(readme(stats))
    total = sum(os.path.getsize(os.path.join(OUT, f)) for f in os.listdir(OUT))
    assert total < 3 * 1024 * 1024, total
    print(f"wrote {OUT}: {len(RUNS)} runs, {len(points)} metric points, {len(alerts)} alerts, "
          f"{total / 1024:.0f} KiB")


def team_record(t):
    return {"name": t["name"], "industry": t["industry"], "lead": t["lead"], "description": t["description"]}


def pipeline_record(p):
    return {"name": p["name"], "team": p["team"], "schedule": p["schedule"], "description": p["description"]}


def model_record(m):
    spec = m["spec"]
    team = TEAM[m["team"]]
    tags = {"framework": spec["framework"], "regulated": "yes" if team["regulated"] else "no",
            "data_domain": spec["domain"], "serving": spec["serving"], "gpu": "yes" if spec["gpu"] > 0 else "no"}
    if spec["archived_on"]:
        tags["archived_on"] = spec["archived_on"].isoformat()
    tags.update(spec["extra_tags"])
    versions = []
    for v in m["versions"]:
        versions.append(clean({"version": v["version"], "created_at": v["created_at"], "stage": v["stage"],
                               "approval_status": v["approval_status"], "approved_by": v["approved_by"],
                               "approved_at": v["approved_at"]}))
    return clean({
        "name": m["name"], "team": m["team"], "owner": m["owner"], "use_case": spec["use_case"],
        "stage": m["stage"], "version": m["version"], "risk_tier": spec["risk"],
        "business_value": spec["value"], "serving_cost_per_month": spec["cost"], "tags": tags,
        "created_at": m["created_at"], "versions": versions,
    })


def alert_record(a):
    return clean({
        "id": a["id"], "model": a["model"], "feature": a["feature"], "method": a["method"],
        "score": float(a["score"]), "threshold": float(a["threshold"]), "severity": a["severity"],
        "status": a["status"], "assignee": a.get("assignee"), "opened_at": a["opened_at"],
        "snoozed_until": a.get("snoozed_until") if a["status"] == "snoozed" else None,
        "resolved_at": a.get("resolved_at") if a["status"] == "resolved" else None,
        "events": [clean(e) for e in a["events"]],
    })


def run_record(r):
    d = {"type": "run", "id": r["id"]}
    for k in ("pipeline", "model", "name", "kind", "status", "trigger", "started_by", "model_version"):
        d[k] = r[k]
    if r["rollback"]:
        d["rollback"] = True
    for k in ("queued_at", "started_at", "finished_at", "commit", "compute_cost", "error", "steps"):
        d[k] = r[k]
    return clean(d)


# --------------------------------------------------------------------------------------
# Checks
# --------------------------------------------------------------------------------------

STAGES = ("development", "staging", "production", "archived")
RUN_STATUSES = ("queued", "running", "succeeded", "failed", "cancelled")
KINDS = ("training", "evaluation", "deployment", "data_validation")
TRIGGERS = ("schedule", "commit", "manual", "drift", "api")
METHODS = ("psi", "ks", "chi2", "z", "js", "wasserstein")
SEVERITIES = ("info", "warning", "critical")
ALERT_STATUSES = ("open", "acknowledged", "snoozed", "resolved")
EVENT_KINDS = ("opened", "acknowledged", "assigned", "note", "snoozed", "resolved", "reopened", "escalated")


def count(items, key, values):
    c = {v: 0 for v in values}
    for it in items:
        assert it[key] in c, (key, it[key])
        c[it[key]] += 1
    return c


def check(models, pipelines, alerts, points, maturity, retail_series, rollbacks):
    team_names = {t["name"] for t in TEAMS}
    model_names = {m["name"] for m in models}
    pipe_by_name = {p["name"]: p for p in pipelines}
    latest = at(FIRST_DAY)

    def seen(t):
        nonlocal latest
        assert t <= ANCHOR, t
        latest = max(latest, t)

    # teams / pipelines / models
    assert len(TEAMS) == 5 and len(team_names) == 5
    assert len(pipe_by_name) == len(pipelines)
    for p in pipelines:
        assert p["team"] in team_names
    assert len(models) >= 44 and len(model_names) == len(models)
    stages = count(models, "stage", STAGES)
    assert stages["production"] >= 18 and stages["staging"] >= 8 and stages["development"] >= 12 and stages["archived"] >= 6, stages
    n_rejected = n_pending = 0
    for m in models:
        spec = m["spec"]
        assert m["team"] in team_names
        assert spec["risk"] in ("low", "medium", "high")
        assert spec["value"] >= 0 and spec["cost"] >= 0
        if m["stage"] == "production":
            assert 500 <= spec["cost"] <= 25000, m["name"]
        vs = [v["version"] for v in m["versions"]]
        assert 1 <= len(vs) <= 8 and len(set(vs)) == len(vs), m["name"]
        assert m["version"] in vs
        assert m["created_at"] <= m["versions"][0]["created_at"], m["name"]
        seen(m["created_at"])
        for v in m["versions"]:
            assert v["stage"] in STAGES and v["approval_status"] in ("pending", "approved", "rejected")
            seen(v["created_at"])
            if v["approval_status"] == "pending":
                assert v["approved_at"] is None and v["approved_by"] is None
                n_pending += 1
            else:
                assert v["approved_by"] and v["approved_at"] > v["created_at"]
                seen(v["approved_at"])
                n_rejected += v["approval_status"] == "rejected"
            if v["stage"] == "production" and TEAM[m["team"]]["regulated"]:
                assert v["approved_by"] == TEAM[m["team"]]["approver"]
        cur = next(v for v in m["versions"] if v["version"] == m["version"])
        if m["stage"] in ("production", "staging"):
            assert cur["stage"] == m["stage"], m["name"]
    assert n_rejected >= 2 and n_pending >= 5
    fraud = MODEL["card-fraud-detector"]
    assert fraud["value"] == 4200000
    vdd = MODEL["visual-defect-detector"]
    assert vdd["value"] == 180000 and vdd["cost"] == 21500 and vdd["cost"] * 12 > vdd["value"]
    assert by(models, "visual-defect-detector")["stage"] == "production"
    # every non-archived model has a training pipeline; production/staging a deployment one
    for m in models:
        if m["stage"] != "archived":
            assert f"{m['name']}-train" in pipe_by_name, m["name"]
        if m["stage"] in ("production", "staging"):
            assert f"{m['name']}-deploy" in pipe_by_name, m["name"]

    # runs
    assert len(RUNS) >= 1600, len(RUNS)
    ids = [r["id"] for r in RUNS]
    assert len(set(ids)) == len(ids)
    queued_times = [r["queued_at"] for r in RUNS]
    assert queued_times == sorted(queued_times)
    kinds = count(RUNS, "kind", KINDS)
    statuses = count(RUNS, "status", RUN_STATUSES)
    triggers = count(RUNS, "trigger", TRIGGERS)
    assert all(v > 0 for v in kinds.values()), kinds
    assert 3 <= statuses["queued"] <= 8 and 3 <= statuses["running"] <= 8, statuses
    n = len(RUNS)
    assert 0.08 <= statuses["failed"] / n <= 0.12, statuses
    assert 0.025 <= statuses["cancelled"] / n <= 0.045, statuses
    assert triggers["schedule"] == max(triggers.values()) and min(triggers.values()) >= 10, triggers
    assert min(r["queued_at"] for r in RUNS).date() == FIRST_DAY
    versions_of = {m["name"]: {v["version"]: v for v in m["versions"]} for m in models}
    for r in RUNS:
        p = pipe_by_name[r["pipeline"]]
        assert r["model"] in model_names and p["kind"] == r["kind"]
        assert r["model"] in p["models"]
        steps = r["steps"]
        expected = ROLLBACK_STEPS if r["rollback"] else STEP_NAMES[r["kind"]]
        assert [s["name"] for s in steps] == expected and 3 <= len(steps) <= 7
        seen(r["queued_at"])
        st = r["status"]
        if r["model_version"] is not None:
            v = versions_of[r["model"]][r["model_version"]]
            if r["kind"] == "training":
                assert st in ("succeeded",) and v["created_at"] == r["finished_at"], r
        if r["kind"] == "deployment":
            assert r["model_version"] is not None and r["commit"] is not None
        if r["trigger"] == "commit":
            assert r["commit"] is not None and len(r["commit"]) == 40
            int(r["commit"], 16)
        if r["rollback"]:
            assert r["kind"] == "deployment"
        if r["trigger"] == "schedule":
            assert r["started_by"] == "scheduler"
        elif r["trigger"] == "commit":
            assert r["started_by"] == "ci-bot"
        elif r["trigger"] == "drift":
            assert r["started_by"] == "drift-monitor"
        elif r["trigger"] == "api":
            assert r["started_by"].startswith("api:")
        else:
            assert r["started_by"] in {x for t in TEAMS for x in t["members"]}, r["started_by"]
        if st == "queued":
            assert r["started_at"] is None and r["finished_at"] is None
            assert all(s["status"] == "queued" and "started_at" not in s for s in steps)
            assert r["queued_at"] >= ANCHOR - timedelta(hours=2)
            continue
        assert r["started_at"] is not None and r["queued_at"] <= r["started_at"]
        assert r["started_at"] - r["queued_at"] <= timedelta(minutes=45)
        seen(r["started_at"])
        if st in ("succeeded", "failed"):
            assert r["finished_at"] is not None
        if st == "running":
            assert r["finished_at"] is None and r["started_at"] >= ANCHOR - timedelta(hours=2)
        if st in ("queued", "running"):
            assert r["compute_cost"] is None
        if r["finished_at"] is not None:
            assert r["finished_at"] >= r["started_at"]
            seen(r["finished_at"])
            assert r["compute_cost"] is not None and r["compute_cost"] >= 0
            if r["kind"] == "training" and MODEL[r["model"]]["gpu"] > 0:
                assert r["compute_cost"] <= 250, r
            if r["kind"] != "training":
                assert r["compute_cost"] <= 10, r
        assert (r["error"] is not None) == (st == "failed")
        # steps contiguous
        t = r["started_at"]
        phase = "done"
        for s in steps:
            ss = s["status"]
            assert ss in RUN_STATUSES + ("skipped",)
            if "started_at" in s:
                assert phase == "done" and s["started_at"] == t, (r["id"], s)
                if s.get("finished_at") is not None:
                    assert s["finished_at"] >= s["started_at"]
                    t = s["finished_at"]
            if ss == "succeeded":
                assert phase == "done" and s.get("finished_at")
            elif ss == "failed":
                assert st == "failed" and s.get("error") == r["error"] and s.get("finished_at")
                phase = "after"
            elif ss == "cancelled":
                assert st == "cancelled"
                phase = "after"
            elif ss == "running":
                assert st == "running" and "finished_at" not in s
                phase = "pending"
            elif ss == "skipped":
                assert phase == "after" and "started_at" not in s
            elif ss == "queued":
                assert phase == "pending" and "started_at" not in s
        if st == "failed":
            assert sum(s["status"] == "failed" for s in steps) == 1
        if st == "succeeded":
            assert t == r["finished_at"] and all(s["status"] == "succeeded" for s in steps)
        if st in ("failed",) or (st == "cancelled" and r["finished_at"]):
            assert t == r["finished_at"]
        if r["finished_at"] is not None and r["_tag"] != "live":
            assert r["finished_at"] <= GENERIC_CUTOFF
    for st in ("queued", "running"):
        assert all(r["queued_at"] >= ANCHOR - timedelta(hours=2, minutes=5) for r in RUNS if r["status"] == st)
    assert sum(1 for r in RUNS if r["status"] == "cancelled" and r["finished_at"] is None) >= 0
    assert len([r for r in RUNS if r["rollback"]]) >= 3
    for pname in sorted({r["pipeline"] for r in RUNS if r["rollback"]}):
        seq = [r for r in RUNS if r["pipeline"] == pname]
        for prev, r in zip(seq, seq[1:]):
            if r["rollback"]:
                assert prev["status"] in ("failed", "succeeded") and not prev["rollback"], r["id"]
                if prev["status"] == "failed":
                    assert prev["steps"][2]["status"] == "failed" or prev["steps"][2]["status"] == "succeeded", r["id"]
                assert r["model_version"] != prev["model_version"] or prev["status"] == "failed", r["id"]
    for m in models:
        if m["stage"] not in ("production", "staging"):
            continue
        deps = [r for r in RUNS if r["model"] == m["name"] and r["kind"] == "deployment" and r["status"] == "succeeded"]
        assert deps and deps[-1]["model_version"] == m["version"], m["name"]
        for r in deps:
            v = versions_of[m["name"]][r["model_version"]]
            if m["stage"] == "production":
                assert v["stage"] == "production" and v["approved_at"] <= r["started_at"], (m["name"], r["id"])
    # errors vary and include the required ones
    errors = [r["error"] for r in RUNS if r["error"]]
    assert len(set(errors)) >= 0.6 * len(errors), (len(set(errors)), len(errors))
    for needle in ("CUDA out of memory", "exceeded its progress deadline", "Great Expectations",
                   "psycopg2.OperationalError: could not connect to server: Connection timed out",
                   "ValueError: Input X contains NaN.", "feature store request timed out",
                   "AUC 0.781 below promotion gate 0.800 (champion 0.812)", "ErrImagePull", "manifest unknown",
                   "botocore.exceptions.ClientError: An error occurred (AccessDenied) when calling the GetObject operation"):
        assert any(needle in e for e in errors), needle

    # story 4: flaky readmission deploy
    rd = [r for r in RUNS if r["pipeline"] == "readmission-risk-30d-deploy"]
    rd_failed = [r for r in rd if r["status"] == "failed"]
    assert len(rd_failed) / len(rd) >= 0.30, (len(rd_failed), len(rd))
    assert any(r["rollback"] for r in rd)
    assert any('kubectl rollout status: deployment "readmission-risk-30d" exceeded its progress deadline' == r["error"]
               for r in rd_failed)
    others = {}
    for r in RUNS:
        if r["kind"] == "deployment" and r["pipeline"] != "readmission-risk-30d-deploy":
            others.setdefault(r["pipeline"], [0, 0])
            others[r["pipeline"]][0] += 1
            others[r["pipeline"]][1] += r["status"] == "failed"
    worst = max(fl / tot for tot, fl in others.values())
    assert worst < 0.3 and len(rd_failed) / len(rd) >= 1.5 * worst, worst
    # story 1 runs
    rf = [r for r in RUNS if r["_tag"] == "retail-drift-failed"][0]
    rs = [r for r in RUNS if r["_tag"] == "retail-drift-succeeded"][0]
    assert rf["status"] == "failed" and rf["trigger"] == "drift" and rf["started_at"].date() == date(2025, 12, 3)
    assert rs["status"] == "succeeded" and rs["trigger"] == "drift" and rs["started_at"] > rf["started_at"]
    assert retail_release()["started_at"].date() == date(2025, 12, 8)
    # story 3: expensive GPU retraining
    vd = [r for r in RUNS if r["pipeline"] == "visual-defect-detector-train" and r["compute_cost"]]
    assert max(r["compute_cost"] for r in vd) >= 150

    # metrics
    keys = [(m, n, t) for m, n, t, _ in points]
    assert len(set(keys)) == len(keys)
    for m, n, t, v in points:
        assert m in model_names and MODEL_STAGE[m] == "production"
        assert isinstance(v, (int, float)) and math.isfinite(v)
        seen(t)
    for m in models:
        if m["stage"] == "production":
            for name in (m["spec"]["metric"][0], "latency_p95_ms", "predictions_per_day"):
                assert sum(1 for p in points if p[0] == m["name"] and p[1] == name) == len(DAYS)
    for day, v in retail_series.items():
        if day < BLACK_FRIDAY:
            assert v < 0.10, (day, v)
        if day >= date(2025, 12, 1):
            assert v > 0.25, (day, v)
    peak_day = max(retail_series, key=retail_series.get)
    assert date(2025, 12, 20) <= peak_day <= date(2025, 12, 31), peak_day
    mape = {p[2].date(): p[3] for p in points if p[0] == "retail-demand-forecast" and p[1] == "mape"}
    before = [v for d, v in mape.items() if d < BLACK_FRIDAY]
    after = [v for d, v in mape.items() if d >= date(2025, 12, 1)]
    assert min(after) > max(before), (max(before), min(after))
    drift_series = {(p[0], p[1]) for p in points if p[1].startswith("drift.")}
    for a in alerts:
        if MODEL_STAGE[a["model"]] == "production":
            assert (a["model"], f"drift.{a['method']}.{a['feature']}") in drift_series

    # alerts
    assert len(alerts) >= 60
    aids = [a["id"] for a in alerts]
    assert len(set(aids)) == len(aids)
    st = count(alerts, "status", ALERT_STATUSES)
    assert st["open"] >= 12 and st["acknowledged"] >= 10 and st["snoozed"] >= 6 and st["resolved"] >= 20, st
    sev = count(alerts, "severity", SEVERITIES)
    assert min(sev.values()) >= 8, sev
    meth = count(alerts, "method", METHODS)
    assert min(meth.values()) >= 3, meth
    kinds_seen = set()
    reopened = 0
    for a in alerts:
        assert a["model"] in model_names and MODEL_STAGE[a["model"]] in ("production", "staging")
        s, th = a["score"], a["threshold"]
        assert math.isfinite(s) and math.isfinite(th)
        if a["method"] in P_METHODS:
            assert th == 0.05 and 0 < s < th, a["id"]
        elif a["method"] == "psi":
            assert th in (0.1, 0.25) and s >= th, a["id"]
            assert (th == 0.25) == (a["severity"] == "critical"), a["id"]
        else:
            assert th == 0.1 and s >= th, a["id"]
        evs = a["events"]
        assert evs and evs[0]["kind"] == "opened" and evs[0]["actor"] == "drift-monitor" and evs[0]["at"] == a["opened_at"]
        for e1, e2 in zip(evs, evs[1:]):
            assert e1["at"] < e2["at"], a["id"]
        for e in evs:
            assert e["kind"] in EVENT_KINDS
            kinds_seen.add(e["kind"])
            seen(e["at"])
        reopened += any(e["kind"] == "reopened" for e in evs)
        last = evs[-1]["kind"]
        if a["status"] == "resolved":
            assert last == "resolved" and a["resolved_at"] == evs[-1]["at"]
        else:
            assert last != "resolved"
        if a["status"] == "snoozed":
            assert last == "snoozed" and a["snoozed_until"] > ANCHOR
            assert a["snoozed_until"] <= ANCHOR + timedelta(days=3)
            assert a["assignee"]
        if a["status"] == "acknowledged":
            assert any(e["kind"] == "acknowledged" for e in evs) and a["assignee"]
    assert set(EVENT_KINDS) == kinds_seen, kinds_seen
    assert reopened >= 2
    ra = next(a for a in alerts if a.get("_story") == "retail")
    assert ra["status"] == "acknowledged" and ra["severity"] == "critical" and ra["score"] > 0.25
    assert ra["opened_at"].date() == date(2025, 11, 30)
    fo = next(a for a in alerts if a.get("_story") == "fraud-open")
    assert fo["status"] == "open" and fo["severity"] == "critical" and ANCHOR - fo["opened_at"] < timedelta(days=1)

    # maturity
    assert len(maturity) == len(TEAMS) * len(COMPONENTS) * len(QUARTERS)
    mkeys = {(x["team"], x["component"], x["assessed_at"]) for x in maturity}
    assert len(mkeys) == len(maturity)
    for x in maturity:
        assert x["team"] in team_names and x["component"] in COMPONENTS and 0 <= x["level"] <= 4
        assert isinstance(x["level"], int)
    last_q = QUARTERS[-1]
    for tn, comps in LEVELS.items():
        for comp, levels in comps.items():
            assert levels == sorted(levels), (tn, comp)
    lv = {(x["team"], x["component"]): x["level"] for x in maturity if x["assessed_at"] == last_q}
    assert lv[(RETAIL, "ci_cd")] == 3 and lv[(RETAIL, "model_monitoring")] == 1
    for t in TEAMS:
        if t["name"] != RETAIL:
            assert abs(lv[(t["name"], "ci_cd")] - lv[(t["name"], "model_monitoring")]) <= 1

    # the newest event is at or just before the anchor
    assert ANCHOR - latest <= timedelta(hours=1), latest


def retail_release():
    return next(r for r in RUNS if r["pipeline"] == "retail-demand-forecast-deploy"
                and r["model_version"] == "2.4.0" and r["status"] == "succeeded")


def by(models, name):
    return next(m for m in models if m["name"] == name)


# --------------------------------------------------------------------------------------
# README
# --------------------------------------------------------------------------------------

def summarize(models, pipelines, alerts, points, maturity, retail_series, rollbacks):
    s = {}
    s["stages"] = count(models, "stage", STAGES)
    s["kinds"] = count(RUNS, "kind", KINDS)
    s["statuses"] = count(RUNS, "status", RUN_STATUSES)
    s["triggers"] = count(RUNS, "trigger", TRIGGERS)
    s["alert_status"] = count(alerts, "status", ALERT_STATUSES)
    s["alert_sev"] = count(alerts, "severity", SEVERITIES)
    s["alert_method"] = count(alerts, "method", METHODS)
    s["pipelines"] = len(pipelines)
    s["points"] = len(points)
    s["series"] = len({(p[0], p[1]) for p in points})
    s["drift_series"] = sorted({(p[0], p[1]) for p in points if p[1].startswith("drift.")})
    s["maturity"] = len(maturity)
    s["alerts"] = alerts
    s["retail_series"] = retail_series
    mape = {p[2].date(): p[3] for p in points if p[0] == "retail-demand-forecast" and p[1] == "mape"}
    s["mape_before"] = sum(v for d, v in mape.items() if d < BLACK_FRIDAY) / sum(1 for d in mape if d < BLACK_FRIDAY)
    dec = [v for d, v in mape.items() if date(2025, 12, 1) <= d <= date(2025, 12, 31)]
    s["mape_dec"] = sum(dec) / len(dec)
    s["mape_max"] = max(mape.values())
    s["mape_max_day"] = max(mape, key=mape.get)
    s["rollbacks"] = [r for r in RUNS if r["rollback"]]
    return s


def readme(s):
    R = lambda tag: next(r for r in RUNS if r["_tag"] == tag)
    alerts = s["alerts"]
    ra = next(a for a in alerts if a.get("_story") == "retail")
    fo = next(a for a in alerts if a.get("_story") == "fraud-open")
    feur = next(a for a in alerts if a.get("_story") == "fraud-eur")
    ro = [a for a in alerts if any(e["kind"] == "reopened" for e in a["events"])]
    rs = s["retail_series"]
    pre = [v for d, v in rs.items() if d < BLACK_FRIDAY]
    post = {d: v for d, v in rs.items() if d >= date(2025, 12, 1)}
    peak_day = max(rs, key=rs.get)
    rf, rsu = R("retail-drift-failed"), R("retail-drift-succeeded")
    rdep = retail_release()
    rd = [r for r in RUNS if r["pipeline"] == "readmission-risk-30d-deploy"]
    rd_failed = [r for r in rd if r["status"] == "failed"]
    rd_pd = [r for r in rd_failed if "exceeded its progress deadline" in r["error"]]
    rd_rb = [r for r in rd if r["rollback"]]
    other_rates = {}
    for r in RUNS:
        if r["kind"] == "deployment":
            c = other_rates.setdefault(r["pipeline"], [0, 0])
            c[0] += 1
            c[1] += r["status"] == "failed"
    worst_other = max(((f / t, p) for p, (t, f) in other_rates.items() if p != "readmission-risk-30d-deploy"))
    vd = [r for r in RUNS if r["pipeline"] == "visual-defect-detector-train" and r["compute_cost"] is not None]
    vd_cost = sum(r["compute_cost"] for r in vd)
    cfr = R("card-fraud-rollback")
    vdd = MODEL["visual-defect-detector"]
    lv = {}
    for team in TEAMS:
        for comp in COMPONENTS:
            lv[(team["name"], comp)] = LEVELS[team["name"]][comp][-1]
    live = [r for r in RUNS if r["status"] in ("queued", "running")]

    def ev_lines(a):
        out = []
        for e in a["events"]:
            note = f" — {e['note']}" if e.get("note") else ""
            out.append(f"  - {iso(e['at'])} `{e['kind']}` by {e['actor']}{note}")
        return "\n".join(out)

    fails_by_pipe = sorted(((f / t, p, f, t) for p, (t, f) in
                            ((p, (sum(1 for r in RUNS if r['pipeline'] == p),
                                  sum(1 for r in RUNS if r['pipeline'] == p and r['status'] == 'failed')))
                             for p in sorted({r['pipeline'] for r in RUNS})) if t >= 10), reverse=True)[:6]
    st = s["statuses"]
    n = len(RUNS)
    lines = []
    w = lines.append
    w("# Oversight sample portfolio")
    w("")
    w("Generated by `scripts/generate_sample.py` (Python 3 standard library, fixed seed 20260112; running it")
    w("twice gives byte-identical files). Do not edit these files by hand: change the script and rerun it.")
    w("The files follow `docs/DATA-FORMAT.md` (format 1); import them with `oversight import sample-data`.")
    w("This README is ignored by the importer.")
    w("")
    w("A fictional enterprise with four industry teams and a platform team: 90 days of history ending at the")
    w("**anchor 2026-01-12T09:00:00Z**. Nothing in the data is later than the anchor except the `snoozed_until`")
    w("of snoozed alerts (which lie in the future on purpose); the newest event is less than an hour before it.")
    w("Runs start on 2025-10-14; metrics are daily points at 06:00Z from 2025-10-14 to 2026-01-12 (91 days).")
    w("")
    w("| file | content |")
    w("| --- | --- |")
    w("| `teams.yaml` | sections `teams` and `pipelines` |")
    w("| `models.yaml` | section `models`, with `versions` and `tags` |")
    w("| `maturity.yaml` | section `maturity` |")
    w("| `alerts.yaml` | section `alerts`, with `events` |")
    w("| `runs.ndjson` | one `run` per line with its `steps`, sorted by `queued_at` (ids increase with it) |")
    w("| `metrics.ndjson` | one `metric` point per line, grouped by model and series |")
    w("")
    w("## Teams")
    w("")
    w("| team | industry | lead | production models |")
    w("| --- | --- | --- | --- |")
    for t in TEAMS:
        prods = [m["name"] for m in MODEL_SPECS if m["team"] == t["name"] and m["stage"] == "production"]
        w(f"| {t['name']} | {t['industry']} | {t['lead']} | {', '.join(prods)} |")
    w("")
    w("## Stories")
    w("")
    w("### 1. Retail demand forecast drifting after the holiday")
    w("")
    w(f"- Model `retail-demand-forecast` (team \"{RETAIL}\", stage production, current version "
      f"{MODEL_VERSION['retail-demand-forecast']}).")
    w(f"- Daily metric `drift.psi.units_sold`: every point before Black Friday (2025-11-28) is below 0.10 "
      f"(max {max(pre):.4f}); it rises to {rs[date(2025, 11, 29)]} on 2025-11-29 and {rs[date(2025, 11, 30)]} on "
      f"2025-11-30, and is above 0.25 on every day from 2025-12-01 through 2026-01-12 (min {min(post.values()):.4f}), "
      f"peaking at {rs[peak_day]:.4f} on {peak_day.isoformat()}. Last value (2026-01-12): {rs[LAST_DAY]:.4f}.")
    w(f"- Daily metric `mape` (percent): mean {s['mape_before']:.2f} before 2025-11-28, mean {s['mape_dec']:.2f} in "
      f"December 2025, worst {s['mape_max']:.2f} on {s['mape_max_day'].isoformat()}. Every value from 2025-12-01 on is "
      "higher than every value before Black Friday.")
    w(f"- Alert `{ra['id']}`: feature `units_sold`, method `psi`, threshold 0.25, opened {iso(ra['opened_at'])} as "
      f"warning, escalated on 2025-12-02; now severity `critical`, status `acknowledged`, assignee {ra['assignee']}, "
      f"score {ra['score']} (the latest daily value). Timeline:")
    w(ev_lines(ra))
    w(f"- Drift-triggered retraining (pipeline `retail-demand-forecast-train`, trigger `drift`, started by "
      f"drift-monitor): `{rf['id']}` started {iso(rf['started_at'])} and **failed** in `build_features` with "
      f"\"{rf['error']}\"; `{rsu['id']}` started {iso(rsu['started_at'])} **succeeded** and registered version "
      f"{rsu['model_version']} (deployed by `{rdep['id']}` `release-2.4.0`, started {iso(rdep['started_at'])}).")
    w("- Related: `retail-sales-data-validation` fails far more often between 2025-11-28 and 2025-12-31 "
      "(Great Expectations failures on column \"units_sold\").")
    w("")
    w("### 2. A team whose monitoring maturity lags its CI/CD")
    w("")
    w(f"- \"{RETAIL}\" in the latest assessment ({QUARTERS[-1]}): `ci_cd` level {lv[(RETAIL, 'ci_cd')]}, "
      f"`model_monitoring` level {lv[(RETAIL, 'model_monitoring')]} (gap 2); the evidence says so explicitly.")
    w("- Latest levels of all teams (infrastructure_automation / ci_cd / model_monitoring / governance / collaboration):")
    for t in TEAMS:
        w(f"  - {t['name']}: " + " / ".join(str(lv[(t['name'], c)]) for c in COMPONENTS))
    w("- Every other team's ci_cd and model_monitoring differ by at most 1. Assessments are quarterly on "
      + ", ".join(QUARTERS) + "; levels never fall from one quarter to the next.")
    w("")
    w("### 3. A model that costs more to run than it earns")
    w("")
    w(f"- `visual-defect-detector` (team \"{MFG}\", production): business_value {vdd['value']} per year, "
      f"serving_cost_per_month {vdd['cost']} (= {vdd['cost'] * 12} per year for serving alone).")
    w(f"- Retraining on 8 x A100 (pipeline `visual-defect-detector-train`, weekly `0 23 * * 6` plus reruns): "
      f"{len(vd)} finished runs costing {vd_cost:,.2f} USD in total over the window, up to "
      f"{max(r['compute_cost'] for r in vd):.2f} USD per run; {sum(r['status'] == 'failed' for r in vd)} of them failed, "
      "mostly with CUDA out-of-memory errors. A manual retrain (`retrain-line3-camera-swap`) is running at the anchor.")
    w("")
    w("### 4. A flaky deployment pipeline")
    w("")
    w(f"- `readmission-risk-30d-deploy` (team \"{CLIN}\"): {len(rd_failed)} of {len(rd)} runs failed "
      f"({100 * len(rd_failed) / len(rd):.0f}%); {len(rd_pd)} of the failures are "
      "`kubectl rollout status: deployment \"readmission-risk-30d\" exceeded its progress deadline`. "
      f"The next-worst deployment pipeline is `{worst_other[1]}` at {100 * worst_other[0]:.0f}%.")
    w(f"- Rollback deployments (`\"rollback\": true`) on this pipeline: "
      + ", ".join(f"`{r['id']}` ({iso(r['started_at'])}, back to {r['model_version']})" for r in rd_rb) + ".")
    w(f"- Version 4.2.0 was approved by the Clinical Safety Board on 2025-11-26 and is the current version.")
    w(f"- All rollbacks in the portfolio: {len(s['rollbacks'])}, including `{cfr['id']}` on `card-fraud-detector-deploy` "
      f"({iso(cfr['started_at'])}, back to {cfr['model_version']} after 3.2.0 raised the decline rate; 3.2.0 was "
      "redeployed on 2025-12-09).")
    w("")
    w("### 5. The fraud model under an active critical alert")
    w("")
    w(f"- Alert `{fo['id']}` on `card-fraud-detector`, feature `transaction_amount`, method `psi`, score {fo['score']}, "
      f"threshold {fo['threshold']}, severity `critical`, status `open`, opened {iso(fo['opened_at'])} "
      f"(less than a day before the anchor), assignee {fo['assignee']}. Timeline:")
    w(ev_lines(fo))
    w(f"- A drift-triggered `card-fraud-detector-train` run is running at the anchor; the daily `auc` dips to "
      f"{MODEL['card-fraud-detector']['metric'][1] - 0.009:.3f} on 2026-01-12.")
    w(f"- The same feature had an earlier alert, `{feur['id']}` (warning, resolved {iso(feur['resolved_at'])}): "
      "\"Upstream ETL changed currency to EUR for EU merchants; confirming with data eng.\"")
    w("")
    w("### Other things worth knowing")
    w("")
    w("- Reopened alerts: " + ", ".join(f"`{a['id']}` ({a['model']} / {a['feature']}, now {a['status']})" for a in ro) + ".")
    w("- Rejected versions: " + ", ".join(
        f"{m['name']} {v['version']} ({v['approved_by']})" for m in MODEL_LIST for v in m["versions"]
        if v["approval_status"] == "rejected") + ".")
    w("- Pipelines with the highest failure rate (at least 10 runs): " + ", ".join(
        f"`{p}` {f}/{t}" for _, p, f, t in fails_by_pipe) + ".")
    w("- Runs in flight at the anchor: " + ", ".join(f"`{r['id']}` {r['pipeline']} ({r['status']})" for r in live) + ".")
    w("- `fraud-rules-gbm-legacy` was archived on 2025-10-28 (tag `archived_on`); its weekly training runs stop before that.")
    w("")
    w("## Conventions the importer and the dashboard can rely on")
    w("")
    w("- Every string in the YAML files is double-quoted (JSON style); times are strings `YYYY-MM-DDTHH:MM:SSZ`,")
    w("  maturity `assessed_at` is a date `YYYY-MM-DD`. Optional fields are left out rather than written as null.")
    w("- Floats in YAML always have a decimal point and a signed exponent when they have one (`3.1e-06`).")
    w("- Every run's `model_version` is one of the model's `versions`. Training runs carry `model_version` only when")
    w("  they registered that version (its `created_at` equals the run's `finished_at`); other training runs have none.")
    w("  Every deployment has `model_version` and `commit`; the last succeeded deployment of each production or")
    w("  staging model deploys the model's current `version`; production deployments only deploy approved versions.")
    w("- `rollback` is written only when true. `compute_cost` is absent for queued and running runs and for")
    w("  cancelled runs without `finished_at`. A cancelled run's interrupted step has status `cancelled`; later")
    w("  steps are `skipped`. Rollback deployments have 3 steps (deploy_canary, smoke_test, promote).")
    w("- `mape` is in percent; `rmse`/`mae` are in the model's target units; other quality metrics are in [0, 1].")
    w("- Drift series `drift.METHOD.FEATURE` exist for every (model, method, feature) that has an alert on a")
    w("  production model. p-value methods (ks, chi2, z) drift below 0.05; psi uses 0.1 (warning) / 0.25 (critical);")
    w("  js and wasserstein use 0.1. An alert's `score` is its latest score (for resolved alerts, the score at opening).")
    w("- Data-validation pipelines belong to a team and validate one model's batch per run (`model` rotates).")
    w("")
    w("## Counts")
    w("")
    w(f"- Teams: {len(TEAMS)}")
    stg = s["stages"]
    w(f"- Models: {len(MODEL_LIST)} (production {stg['production']}, staging {stg['staging']}, development "
      f"{stg['development']}, archived {stg['archived']}); versions: {sum(len(m['versions']) for m in MODEL_LIST)}")
    w(f"- Pipelines: {s['pipelines']}")
    w(f"- Runs: {n}")
    w("  - by kind: " + ", ".join(f"{k} {v}" for k, v in s["kinds"].items()))
    w("  - by status: " + ", ".join(f"{k} {v}" for k, v in st.items())
      + f" (failed {100 * st['failed'] / n:.1f}%, cancelled {100 * st['cancelled'] / n:.1f}%)")
    w("  - by trigger: " + ", ".join(f"{k} {v}" for k, v in s["triggers"].items()))
    w(f"  - steps: {sum(len(r['steps']) for r in RUNS)}; rollbacks: {len(s['rollbacks'])}")
    w(f"- Alerts: {len(alerts)}; events: {sum(len(a['events']) for a in alerts)}")
    w("  - by status: " + ", ".join(f"{k} {v}" for k, v in s["alert_status"].items()))
    w("  - by severity: " + ", ".join(f"{k} {v}" for k, v in s["alert_sev"].items()))
    w("  - by method: " + ", ".join(f"{k} {v}" for k, v in s["alert_method"].items()))
    w(f"- Metric points: {s['points']} in {s['series']} series ({len(s['drift_series'])} of them drift series)")
    w(f"- Maturity assessments: {s['maturity']} ({len(TEAMS)} teams x {len(COMPONENTS)} components x {len(QUARTERS)} quarters)")
    w("")
    return "\n".join(lines)


MODEL_LIST = []

if __name__ == "__main__":
    main()
