package io.shardwise.profiler.forecast;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ForecasterTest {
    private final Forecaster forecaster = new Forecaster(new Forecaster.Settings(6, 0, 100, 48));

    @Test
    void constantSeriesIsForecastExactly() {
        double[] y = new double[200];
        java.util.Arrays.fill(y, 42);
        SeriesForecast f = forecaster.forecast(y);
        assertThat(f.period()).isZero();
        assertThat(f.forecast()).containsOnly(new double[] {42}, within(1e-9));
        assertThat(f.error().mae()).isCloseTo(0, within(1e-9));
        assertThat(f.last()).isEqualTo(42);
    }

    @Test
    void linearTrendIsExtrapolatedAndBeatsNaive() {
        double[] y = new double[200];
        for (int t = 0; t < y.length; t++) {
            y[t] = 10 + 3 * t;
        }
        SeriesForecast f = forecaster.forecast(y);
        assertThat(f.model()).isIn(ModelKind.HOLT, ModelKind.HOLT_WINTERS);
        for (int k = 1; k <= 6; k++) {
            assertThat(f.at(k)).isCloseTo(10 + 3 * (199 + k), within(1e-6));
        }
        assertThat(f.error().mae()).isLessThan(f.naiveError().mae() / 10);
        assertThat(f.naiveError().mae()).isCloseTo(3 * 3.5, within(1e-9)); // next=last is off by 3k for k = 1..6
    }

    @Test
    void pureSineSeasonIsDetectedAndForecast() {
        int m = 24;
        double[] y = new double[m * 8];
        for (int t = 0; t < y.length; t++) {
            y[t] = 100 + 50 * Math.sin(2 * Math.PI * t / m);
        }
        SeriesForecast f = forecaster.forecast(y);
        assertThat(f.period()).isEqualTo(m);
        assertThat(f.model()).isIn(ModelKind.SEASONAL_NAIVE, ModelKind.HOLT_WINTERS);
        for (int k = 1; k <= 6; k++) {
            assertThat(f.at(k)).isCloseTo(100 + 50 * Math.sin(2 * Math.PI * (y.length - 1 + k) / m), within(1.0));
        }
        assertThat(f.error().mase()).isLessThan(0.1);
        assertThat(f.naiveError().mase()).isGreaterThan(1.0);
    }

    @Test
    void holtWintersBeatsNaiveOnSeasonPlusNoise() {
        int m = 24;
        Random random = new Random(3);
        double[] y = new double[m * 10];
        for (int t = 0; t < y.length; t++) {
            y[t] = 200 + 0.2 * t + 80 * Math.sin(2 * Math.PI * t / m) + random.nextGaussian() * 8;
        }
        SeriesForecast f = forecaster.forecast(y);
        assertThat(f.period()).isEqualTo(m);
        assertThat(f.errors()).containsKeys(ModelKind.HOLT_WINTERS, ModelKind.SEASONAL_NAIVE, ModelKind.NAIVE);
        BacktestError hw = f.errors().get(ModelKind.HOLT_WINTERS);
        assertThat(hw.mae()).isLessThan(f.naiveError().mae() / 2);
        assertThat(hw.mae()).isLessThan(f.seasonalNaiveError().mae());
        assertThat(f.model()).isEqualTo(ModelKind.HOLT_WINTERS);
        double truthNext = 200 + 0.2 * y.length + 80 * Math.sin(2 * Math.PI * y.length / m);
        assertThat(f.at(1)).isCloseTo(truthNext, within(25.0));
    }

    @Test
    void configuredPeriodOverridesDetectionAndNoSeasonDisablesSeasonalModels() {
        double[] y = new double[120];
        for (int t = 0; t < y.length; t++) {
            y[t] = t % 12 < 6 ? 10 : 30;
        }
        assertThat(new Forecaster(new Forecaster.Settings(3, 12, 60, 24)).forecast(y).period()).isEqualTo(12);
        SeriesForecast none = new Forecaster(new Forecaster.Settings(3, -1, 60, 24)).forecast(y);
        assertThat(none.period()).isZero();
        assertThat(none.errors()).doesNotContainKeys(ModelKind.HOLT_WINTERS, ModelKind.SEASONAL_NAIVE);
    }

    /** A smooth daytime curve over a few periods: the plain autocorrelation estimator would peak a lag or two short. */
    @Test
    void seasonOfASmoothDailyCurveIsFoundExactly() {
        int m = 144;
        Random random = new Random(8);
        double[] y = new double[m * 3 + 40];
        for (int t = 0; t < y.length; t++) {
            double daytime = (1 + Math.cos(2 * Math.PI * (t % m - 80) / m)) / 2;
            double mean = 300 * (0.1 + 0.9 * daytime * daytime);
            y[t] = Math.max(0, mean + Math.sqrt(mean) * random.nextGaussian());
        }
        assertThat(SeasonDetector.detect(y, 2, 200, 0.3)).isEqualTo(m);
    }

    @Test
    void seasonDetectorFindsNothingInNoise() {
        Random random = new Random(11);
        double[] y = new double[300];
        for (int t = 0; t < y.length; t++) {
            y[t] = random.nextGaussian();
        }
        assertThat(SeasonDetector.detect(y, 2, 100, 0.3)).isZero();
    }

    @Test
    void shortSeriesStillForecasts() {
        SeriesForecast f = forecaster.forecast(new double[] {5, 7});
        assertThat(f.forecast()).hasSize(6);
        assertThat(f.error().known()).isFalse();
        assertThat(forecaster.forecast(new double[0]).forecast()).containsOnly(0.0);
    }
}
