#!/bin/bash
# Baseline 1: seed 001's moonshot-balance.sh as users run it today (curl, jq
# four times, bc), with two changes for the benchmark: the URL's scheme, host
# and port come from MOONSHOT_BASE_URL (default the real API), and the key
# comes from the environment instead of sourcing /etc/profile.d/xai.sh.
# Moonshot API Balance Checker

set -e

if [ -z "$MOONSHOT_API_KEY" ]; then
  echo "Error: MOONSHOT_API_KEY not set"
  exit 1
fi

RESPONSE=$(curl -s "${MOONSHOT_BASE_URL:-https://api.moonshot.ai}/v1/users/me/balance" \
  -H "Authorization: Bearer $MOONSHOT_API_KEY")

CODE=$(echo "$RESPONSE" | jq -r '.code')

if [ "$CODE" != "0" ]; then
  echo "Error: API returned code $CODE"
  echo "$RESPONSE" | jq .
  exit 1
fi

AVAILABLE=$(echo "$RESPONSE" | jq -r '.data.available_balance')
VOUCHER=$(echo "$RESPONSE" | jq -r '.data.voucher_balance')
CASH=$(echo "$RESPONSE" | jq -r '.data.cash_balance')

# Check if balance is low
if (( $(echo "$AVAILABLE <= 5" | bc -l) )); then
  ALERT="⚠️ **Moonshot API Balance Low!**\n\n💰 **Available:** \$$AVAILABLE\n🎁 **Voucher:** \$$VOUCHER\n💵 **Cash:** \$$CASH"
  echo -e "$ALERT"
  exit 2  # Signal low balance
fi

echo "✅ Moonshot Balance Check"
echo "💰 Available: \$$AVAILABLE"
echo "🎁 Voucher: \$$VOUCHER"
echo "💵 Cash: \$$CASH"
