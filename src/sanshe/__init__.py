"""Sanshe: 三社联动 platform."""
