package org.vsekai.backpack.recommender;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Everything the recommender can be tuned with, under {@code recommender.*}. */
@ConfigMapping(prefix = "recommender")
public interface RecommenderConfig {

    Interactions interactions();

    Popularity popularity();

    Training training();

    Models models();

    /** The speed layer: iALS fold-in of users and new items between trainings (docs/adr/0025). */
    FoldIn foldIn();

    interface Interactions {

        /**
         * The weight of each activity type ({@code view}, {@code like}, {@code add}, {@code remove}, {@code visit}),
         * stored with each interaction: the strength of the signal for popularity and for training. Zero means "no
         * sign of interest" (Remove): stored, but neither counted nor trained on.
         */
        Map<String, Float> weights();

        /**
         * Activity types after which an item is not recommended to that user again. Add and Remove are not here: the
         * backpack itself is excluded while the item is in it, and an item taken out may be recommended again.
         */
        @WithDefault("view,like,visit")
        List<String> excludeAfter();
    }

    interface Popularity {

        /** Each interaction's weight halves after this long (live popularity, the cold-start fallback). */
        @WithDefault("P30D")
        Duration halfLife();
    }

    interface Training {

        /**
         * How often the schedule trains ({@code 1h}, {@code 30m}); {@code off} disables the schedule (the admin
         * endpoint still trains). Read by {@code @Scheduled} as a property expression.
         */
        @WithDefault("1h")
        String every();

        /**
         * The schedule's first run after start. A restart serves the newest saved model meanwhile, so only a first
         * deployment waits this long for a model (popularity serves until then).
         */
        @WithDefault("15m")
        String delay();

        /** iALS, the user-item model; defaults are the tuned ones of recommender-model's evaluation. */
        Als als();

        /** RP3beta, the item-item model; defaults are the tuned ones of recommender-model's evaluation. */
        Rp3Beta rp3beta();

        /** Jobs kept for {@code GET /admin/training/jobs}, newest first. */
        @WithDefault("50")
        int jobsKept();
    }

    interface Als {
        @WithDefault("64")
        int factors();

        @WithDefault("7")
        double regularization();

        @WithDefault("0.5")
        double regularizationExponent();

        @WithDefault("7")
        double alpha();

        @WithDefault("15")
        int iterations();

        @WithDefault("3")
        int cgSteps();

        @WithDefault("42")
        long seed();
    }

    interface Rp3Beta {
        @WithDefault("0.7")
        double alpha();

        @WithDefault("0.5")
        double beta();

        @WithDefault("200")
        int neighbours();
    }

    interface FoldIn {

        /** Whether interactions fold their user (and a new item) in at once; off, they wait for the next training. */
        @WithDefault("true")
        boolean enabled();

        /**
         * The newest pairs a fold-in reads of one user or item: a solve costs O(pairs·f²), so a very long history
         * is folded from its newest pairs (the training still learns from all of them).
         */
        @WithDefault("5000")
        int maxPairs();

        /**
         * Items unknown to the served model folded in until the next training; every user-item answer scores them
         * all (O(items·f)), so past this one more is not folded in (counted) and is served as before.
         */
        @WithDefault("10000")
        int maxNewItems();
    }

    interface Models {

        /** Where trained models are saved; a fresh temporary directory when not set (tests). */
        Optional<Path> directory();

        /**
         * Model files kept after a successful training, newest first; older ones are deleted. An erasure's
         * retraining deletes every older file whatever this says, since those files still hold the erased user.
         */
        @WithDefault("2")
        int keep();
    }
}
